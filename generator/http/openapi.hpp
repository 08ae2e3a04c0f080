#pragma once
/// The OpenAPI 3.1 document served at GET /openapi.json.

#include <string>

#include "engine/engine.hpp"

namespace brevgen::http {

/// The OpenAPI 3.1 description of every endpoint: one POST path per letter kind with the
/// kind's JSON Schema as its request body, the problem+json responses, the bearer scheme
/// (declared even when the server runs without tokens, on loopback, as in production).
std::string openapi_document(const Engine& engine);

}  // namespace brevgen::http
