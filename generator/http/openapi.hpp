#pragma once
/// The OpenAPI 3.1 document served at GET /openapi.json.

#include <string>

#include "engine/engine.hpp"

namespace brevgen::http {

/// The OpenAPI 3.1 description of every endpoint as this server answers it: one POST path
/// per letter kind with the kind's JSON Schema as its request body, every status the
/// server sends with its exact problem+json shape, and the bearer scheme only when the
/// server checks tokens (`authenticated`; on loopback without tokens nothing asks for one).
std::string openapi_document(const Engine& engine, bool authenticated);

}  // namespace brevgen::http
