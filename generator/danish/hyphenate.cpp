#include "danish/hyphenate.hpp"

#include <hyphen.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/utf8.hpp"

// Thread safety: hnj_hyphen_hyphenate2 (libhyphen 2.8.8, hyphen.c) only reads the
// dictionary — the pattern automaton in dict->states and dict->nextlevel — and writes to
// the caller's buffers and to arrays it mallocs per call. One loaded HyphenDict can
// therefore serve any number of threads without a lock; tests/danish_hyphenate_test.cpp
// checks concurrent use.

namespace brevgen::danish {

namespace {

/// Longest word (in characters) handed to libhyphen; real Danish compounds stay far below,
/// and the cap keeps a hostile "word" of megabytes from costing more than a lookup.
constexpr std::size_t max_word_chars = 100;

/// The encodings the pattern file may declare on its first line.
enum class DictEncoding : std::uint8_t { latin1, utf8 };

/// One character of the word: its lower-case code point and where it ends in the input.
struct Letter {
    char32_t lower;
    std::size_t end;  ///< byte offset just after the character in the original word
};

bool is_latin1_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7);
}

/// Letters of the scripts that names in case data use (Latin, Vietnamese, Greek, Cyrillic).
/// Quotes, dashes and other punctuation above U+00FF are deliberately not letters.
bool is_letter(char32_t c) {
    return is_latin1_letter(c) || (c >= 0x100 && c <= 0x24F) || (c >= 0x370 && c <= 0x52F) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

/// Characters that mean "this is not a plain word": digits, and the hyphens that already
/// give a break (hyphen-minus, soft hyphen, U+2010 hyphen, U+2011 non-breaking hyphen).
bool forbids_hyphenation(char32_t c) {
    return (c >= '0' && c <= '9') || c == '-' || c == 0xAD || c == 0x2010 || c == 0x2011;
}

/// Lower case for the Latin-1 range, which covers Danish (Æ Ø Å → æ ø å) and the
/// patterns' alphabet; other characters pass unchanged.
char32_t to_lower(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    return c;
}

/// The word's letters without leading and trailing punctuation ("(arbejdsplads)," →
/// arbejdsplads), or an empty vector when the word must not be hyphenated at all.
std::vector<Letter> word_core(std::string_view word) {
    if (utf8::find_invalid(word)) return {};
    std::vector<Letter> chars;
    std::vector<bool> letter;
    for (std::size_t i = 0; i < word.size();) {
        const char32_t c = utf8::decode(word, i);
        if (forbids_hyphenation(c)) return {};
        chars.push_back({to_lower(c), i});
        letter.push_back(is_letter(c));
    }
    const auto first = std::find(letter.begin(), letter.end(), true);
    if (first == letter.end()) return {};
    const auto last = std::find(letter.rbegin(), letter.rend(), true).base();
    if (std::find(first, last, false) != last) return {};  // "o'neill", "a/s": leave alone
    const auto b = first - letter.begin();
    const auto e = last - letter.begin();
    return {chars.begin() + b, chars.begin() + e};
}

/// The core in the dictionary's encoding; false when a letter has no Latin-1 byte.
bool encode(const std::vector<Letter>& core, DictEncoding enc, std::string& out) {
    for (const Letter& l : core) {
        if (enc == DictEncoding::utf8) {
            utf8::append(out, l.lower);
        } else if (l.lower <= 0xFF) {
            out += static_cast<char>(static_cast<unsigned char>(l.lower));
        } else {
            return false;
        }
    }
    return true;
}

/// Frees what hnj_hyphen_hyphenate2 allocated for non-standard (replacement) breaks.
void free_nonstandard(char** rep, int* pos, int* cut, std::size_t n) {
    if (rep != nullptr) {
        for (std::size_t i = 0; i < n; ++i) std::free(rep[i]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
}

/// The hyphen-da package's dictionary.
const std::filesystem::path default_dictionary = "/usr/share/hyphen/hyph_da_DK.dic";

}  // namespace

struct Hyphenator::Impl {
    HyphenDict* dict = nullptr;
    DictEncoding encoding = DictEncoding::latin1;
    int left_min = 2;   ///< characters kept before a break
    int right_min = 2;  ///< characters kept after a break

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (dict != nullptr) hnj_hyphen_free(dict);
    }
};

const Hyphenator& Hyphenator::danish(const std::filesystem::path& dictionary) {
    // One instance per dictionary for the whole process: loading one takes milliseconds,
    // and every engine (in tests, many) would otherwise load its own.
    static std::mutex lock;
    static std::map<std::filesystem::path, std::unique_ptr<const Hyphenator>> loaded;
    const std::filesystem::path& path = dictionary.empty() ? default_dictionary : dictionary;
    const std::lock_guard guard(lock);
    auto& slot = loaded[path];
    if (!slot) slot = std::make_unique<const Hyphenator>(path);
    return *slot;
}

Hyphenator::Hyphenator(const std::filesystem::path& dictionary) : impl_(std::make_unique<Impl>()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dictionary, ec)) {
        throw std::runtime_error("hyphenation dictionary not found: " + dictionary.string());
    }
    impl_->dict = hnj_hyphen_load(dictionary.c_str());
    if (impl_->dict == nullptr) {
        throw std::runtime_error("cannot load hyphenation dictionary: " + dictionary.string());
    }
    const std::string_view cset{impl_->dict->cset, strnlen(impl_->dict->cset, MAX_NAME)};
    if (impl_->dict->utf8 != 0) {
        impl_->encoding = DictEncoding::utf8;
    } else if (cset.rfind("ISO8859-1", 0) != 0 && cset.rfind("ISO-8859-1", 0) != 0) {
        // ISO8859-15 passes the prefix test too: it differs from Latin-1 only in symbols.
        throw std::runtime_error("hyphenation dictionary " + dictionary.string() +
                                 " uses an unsupported encoding: " + std::string{cset});
    }
    impl_->left_min = std::max(2, static_cast<int>(impl_->dict->lhmin));
    impl_->right_min = std::max(2, static_cast<int>(impl_->dict->rhmin));
}

Hyphenator::~Hyphenator() = default;

std::vector<std::size_t> Hyphenator::break_points(std::string_view word) const {
    const std::vector<Letter> core = word_core(word);
    const auto n = static_cast<int>(core.size());
    if (n < impl_->left_min + impl_->right_min || core.size() > max_word_chars) return {};
    std::string encoded;
    if (!encode(core, impl_->encoding, encoded)) return {};

    std::vector<char> marks(encoded.size() + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    hnj_hyphen_hyphenate2(impl_->dict, encoded.data(), static_cast<int>(encoded.size()), marks.data(),
                          nullptr, &rep, &pos, &cut);
    // In both encodings the marks are per character: libhyphen maps UTF-8 byte positions
    // back to characters itself (hnj_hyphen_norm) before returning.
    std::vector<std::size_t> breaks;
    for (int k = impl_->left_min - 1; k + impl_->right_min < n; ++k) {
        const auto i = static_cast<std::size_t>(k);
        const bool odd = (marks[i] & 1) != 0;
        // A replacement break ("Schiff-fahrt") would change the spelling; we only insert hyphens.
        const bool replaces = rep != nullptr && rep[i] != nullptr;
        if (odd && !replaces) breaks.push_back(core[i].end);
    }
    free_nonstandard(rep, pos, cut, encoded.size());
    return breaks;
}

}  // namespace brevgen::danish
