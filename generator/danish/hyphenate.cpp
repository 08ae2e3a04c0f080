#include "danish/hyphenate.hpp"

#include <hyphen.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <cstring>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>

#include "common/utf8.hpp"
#include "danish/compounds.hpp"

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

/// Fewest letters on either side of a break, and between a syllable break and a compound
/// joint: "materiale-bestilling", never "materia-lebestilling" or "sy-gemelding".
constexpr int min_letters = 3;

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

/// The encoding a pattern file declares on its first line; throws for one we cannot use.
DictEncoding declared_encoding(const std::filesystem::path& dictionary) {
    std::error_code ec;
    std::ifstream in(dictionary);
    std::string first;
    if (!std::filesystem::is_regular_file(dictionary, ec) || !in || !std::getline(in, first)) {
        throw std::runtime_error("hyphenation dictionary not found: " + dictionary.string());
    }
    while (!first.empty() && (first.back() == '\r' || first.back() == ' ')) first.pop_back();
    if (first == "UTF-8") return DictEncoding::utf8;
    // ISO8859-15 passes the prefix test too: it differs from Latin-1 only in symbols.
    if (first.rfind("ISO8859-1", 0) == 0 || first.rfind("ISO-8859-1", 0) == 0) return DictEncoding::latin1;
    throw std::runtime_error("hyphenation dictionary " + dictionary.string() + " uses an unsupported encoding: " + first);
}

}  // namespace

struct Hyphenator::Impl {
    std::filesystem::path path;
    DictEncoding encoding = DictEncoding::latin1;
    mutable std::once_flag loaded;
    mutable HyphenDict* dict = nullptr;  ///< null until loaded, or when loading failed
    mutable int left_min = min_letters;
    mutable int right_min = min_letters;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (dict != nullptr) hnj_hyphen_free(dict);
    }

    /// The patterns, read on the first call.
    const HyphenDict* patterns() const {
        std::call_once(loaded, [this] {
            dict = hnj_hyphen_load(path.c_str());
            if (dict == nullptr) return;
            left_min = std::max(min_letters, static_cast<int>(dict->lhmin));
            right_min = std::max(min_letters, static_cast<int>(dict->rhmin));
        });
        return dict;
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
    impl_->path = dictionary;
    impl_->encoding = declared_encoding(dictionary);
}

Hyphenator::~Hyphenator() = default;

namespace {

/// Syllable breaks from the patterns, as the number of characters before each.
std::vector<std::size_t> syllables(const HyphenDict* dict, DictEncoding encoding, const std::vector<Letter>& core,
                                   int left_min, int right_min) {
    std::string encoded;
    if (!encode(core, encoding, encoded)) return {};
    const auto n = static_cast<int>(core.size());
    std::vector<char> marks(encoded.size() + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    // hnj_hyphen_hyphenate2 only reads the dictionary: safe from any thread.
    hnj_hyphen_hyphenate2(const_cast<HyphenDict*>(dict), encoded.data(), static_cast<int>(encoded.size()),
                          marks.data(), nullptr, &rep, &pos, &cut);
    // In both encodings the marks are per character: libhyphen maps UTF-8 byte positions
    // back to characters itself (hnj_hyphen_norm) before returning.
    std::vector<std::size_t> out;
    for (int k = left_min - 1; k + right_min < n; ++k) {
        const auto i = static_cast<std::size_t>(k);
        const bool odd = (marks[i] & 1) != 0;
        // A replacement break ("Schiff-fahrt") would change the spelling; we only insert hyphens.
        const bool replaces = rep != nullptr && rep[i] != nullptr;
        if (odd && !replaces) out.push_back(i + 1);
    }
    free_nonstandard(rep, pos, cut, encoded.size());
    return out;
}

}  // namespace

std::vector<Break> Hyphenator::breaks(std::string_view word) const {
    const std::vector<Letter> core = word_core(word);
    const auto n = static_cast<int>(core.size());
    if (n < 2 * min_letters || core.size() > max_word_chars) return {};
    const HyphenDict* dict = impl_->patterns();
    if (dict == nullptr) return {};
    std::u32string lower;
    for (const Letter& l : core) lower += l.lower;
    std::vector<std::size_t> joints = compound_joints(lower);
    std::vector<std::size_t> cuts = syllables(dict, impl_->encoding, core, impl_->left_min, impl_->right_min);
    // Three-letter words abound in the list ("opg", "ave"): a joint beside a three-letter
    // part counts only where the patterns also see a syllable break ("hen|syn", not "opg|ave").
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < joints.size(); ++i) {
        const std::size_t before = joints[i] - (i == 0 ? 0 : joints[i - 1]);
        const std::size_t after = (i + 1 < joints.size() ? joints[i + 1] : core.size()) - joints[i];
        const bool syllable = std::find(cuts.begin(), cuts.end(), joints[i]) != cuts.end();
        if (std::min(before, after) > static_cast<std::size_t>(min_letters) || syllable) kept.push_back(joints[i]);
    }
    joints = std::move(kept);
    // A syllable break right beside a joint leaves a two-letter scrap of a part.
    std::erase_if(cuts, [&](std::size_t c) {
        return std::any_of(joints.begin(), joints.end(), [c](std::size_t j) {
            return c != j && (c > j ? c - j : j - c) < static_cast<std::size_t>(min_letters);
        });
    });
    std::vector<Break> out;
    for (const std::size_t c : cuts) out.push_back({core[c - 1].end, false});
    for (const std::size_t j : joints) {
        const Break b{core[j - 1].end, true};
        const auto at = std::lower_bound(out.begin(), out.end(), b, [](const Break& x, const Break& y) { return x.at < y.at; });
        if (at != out.end() && at->at == b.at) at->joint = true;
        else out.insert(at, b);
    }
    return out;
}

std::vector<std::size_t> Hyphenator::break_points(std::string_view word) const {
    std::vector<std::size_t> out;
    for (const Break& b : breaks(word)) out.push_back(b.at);
    return out;
}

}  // namespace brevgen::danish
