#include "batch/ids.hpp"

#include <cstring>

#include "batch/sha256.hpp"
#include "common/messages.hpp"

namespace brevgen::batch {

std::optional<std::string> check_id(std::string_view id) {
    const std::string rule = "an id is 1 to " + std::to_string(max_id_length) + " of A-Z a-z 0-9 . _ - and does not start with '.'";
    if (id.empty()) return "empty id; " + rule;
    if (id.size() > max_id_length) return "id longer than " + std::to_string(max_id_length) + " characters; " + rule;
    if (id.front() == '.') return "id " + quote(id) + " starts with '.'; " + rule;
    for (const char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return "id " + quote(id) + " is not safe as a file name; " + rule;
    }
    return std::nullopt;
}

bool IdSet::insert(std::string_view id) {
    const auto digest = sha256(id);
    Key key{};
    std::memcpy(key.data(), digest.data(), sizeof key);
    if (key[0] == 0 && key[1] == 0) key[1] = 1;  // keep {0, 0} free to mark empty slots
    if ((used_ + 1) * 2 > slots_.size()) grow();
    if (!place(key)) return false;
    ++used_;
    return true;
}

void IdSet::grow() {
    std::vector<Key> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Key{});
    for (const auto& key : old) {
        if (key[0] != 0 || key[1] != 0) place(key);
    }
}

bool IdSet::place(const Key& key) {
    const std::size_t mask = slots_.size() - 1;  // the size is a power of two
    for (std::size_t i = key[0] & mask;; i = (i + 1) & mask) {
        if (slots_[i] == key) return false;
        if (slots_[i][0] == 0 && slots_[i][1] == 0) {
            slots_[i] = key;
            return true;
        }
    }
}

}  // namespace brevgen::batch
