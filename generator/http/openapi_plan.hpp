#pragma once
/// The plan page's part of /openapi.json: POST /v1/checks/{kind}, GET /plan and its assets.

#include <nlohmann/json.hpp>

namespace brevgen::http {

/// Adds /v1/checks/{kind} (its kind parameter limited to `kinds`), /plan and /plan/{asset}.
void add_plan_paths(nlohmann::ordered_json& paths, const nlohmann::ordered_json& kinds);

/// Adds the CheckResult and Finding schemas the check endpoint answers with.
void add_plan_schemas(nlohmann::ordered_json& schemas);

}  // namespace brevgen::http
