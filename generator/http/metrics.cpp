#include "http/metrics.hpp"

#include <cstdio>

namespace brevgen::http {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

std::string route_label(Route route) { return "route=\"" + std::string(route_template(route)) + "\""; }

}  // namespace

Metrics::Metrics(std::vector<std::string> kinds) {
    kinds_.emplace_back();
    for (auto& k : kinds) kinds_.push_back(std::move(k));
    letters_.assign(kinds_.size(), 0);
    pages_.assign(kinds_.size(), 0);
}

std::size_t Metrics::kind_index(std::string_view kind) const {
    for (std::size_t i = 1; i < kinds_.size(); ++i) {
        if (kinds_[i] == kind) return i;
    }
    return 0;
}

void Metrics::request(Route route, std::string_view kind, int status, double seconds, std::size_t bytes_in,
                      std::size_t bytes_out) {
    const std::size_t k = kind_index(kind);
    std::size_t bucket = 0;
    while (bucket < buckets.size() && seconds > buckets[bucket]) ++bucket;
    const std::lock_guard lock(mutex_);
    ++requests_[{route, k, status}];
    Histogram& h = latency_[route];
    ++h.counts[bucket];
    h.sum += seconds;
    ++h.count;
    bytes_in_ += bytes_in;
    bytes_out_ += bytes_out;
}

void Metrics::letter(std::string_view kind, std::size_t pages) {
    const std::size_t k = kind_index(kind);
    const std::lock_guard lock(mutex_);
    ++letters_[k];
    pages_[k] += pages;
}

std::string Metrics::exposition() const {
    std::string out;
    const std::lock_guard lock(mutex_);
    header(out, "brevgen_http_requests_total", "counter", "HTTP requests answered, by route, letter kind and status.");
    for (const auto& [key, n] : requests_) {
        const auto& [route, k, status] = key;
        out += "brevgen_http_requests_total{" + route_label(route) + ",kind=\"" + kinds_[k] + "\",status=\"" +
               std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
    header(out, "brevgen_http_request_duration_seconds", "histogram",
           "Time from a request's headers to the end of its response.");
    for (const auto& [route, h] : latency_) {
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b <= buckets.size(); ++b) {
            cumulative += h.counts[b];
            const std::string le = b < buckets.size() ? number(buckets[b]) : "+Inf";
            out += "brevgen_http_request_duration_seconds_bucket{" + route_label(route) + ",le=\"" + le + "\"} " +
                   std::to_string(cumulative) + "\n";
        }
        out += "brevgen_http_request_duration_seconds_sum{" + route_label(route) + "} " + number(h.sum) + "\n";
        out += "brevgen_http_request_duration_seconds_count{" + route_label(route) + "} " + std::to_string(h.count) + "\n";
    }
    header(out, "brevgen_http_requests_in_flight", "gauge", "Requests being handled now.");
    out += "brevgen_http_requests_in_flight " + std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";
    header(out, "brevgen_http_connections_open", "gauge", "Client connections open now.");
    out += "brevgen_http_connections_open " + std::to_string(connections_.load(std::memory_order_relaxed)) + "\n";
    header(out, "brevgen_http_connections_refused_total", "counter",
           "Connections answered 503 at once because the connection limits were reached.");
    out += "brevgen_http_connections_refused_total " + std::to_string(refused_.load(std::memory_order_relaxed)) + "\n";
    header(out, "brevgen_http_request_body_bytes_total", "counter", "Request body bytes received.");
    out += "brevgen_http_request_body_bytes_total " + std::to_string(bytes_in_) + "\n";
    header(out, "brevgen_http_response_body_bytes_total", "counter", "Response body bytes sent.");
    out += "brevgen_http_response_body_bytes_total " + std::to_string(bytes_out_) + "\n";
    header(out, "brevgen_letters_rendered_total", "counter", "Letters rendered to PDF (alone or in a Digital Post message), by kind.");
    for (std::size_t k = 1; k < kinds_.size(); ++k) {
        out += "brevgen_letters_rendered_total{kind=\"" + kinds_[k] + "\"} " + std::to_string(letters_[k]) + "\n";
    }
    header(out, "brevgen_pages_rendered_total", "counter", "Pages of the letters rendered, by kind.");
    for (std::size_t k = 1; k < kinds_.size(); ++k) {
        out += "brevgen_pages_rendered_total{kind=\"" + kinds_[k] + "\"} " + std::to_string(pages_[k]) + "\n";
    }
    return out;
}

}  // namespace brevgen::http
