#pragma once
/// Words of a PDF page with their boxes, as `pdftotext -bbox` measures them, in mm from the
/// page's top-left corner: what a ruler on the printed page would say.

#include <regex>
#include <string>
#include <vector>

#include "pdf_tools.hpp"

namespace brevgen::test {

/// One word and its box in mm.
struct BoxWord {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string text;
};

/// The words of page `page` (1-based) of `pdf`, in pdftotext's reading order.
inline std::vector<BoxWord> page_words(const std::string& pdf, int page) {
    const std::string p = std::to_string(page);
    const std::string html = run("pdftotext -bbox -f " + p + " -l " + p + " " + quote(pdf) + " -");
    static const std::regex word(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>)re");
    std::vector<BoxWord> out;
    constexpr double mm = 72.0 / 25.4;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), word); it != std::sregex_iterator(); ++it) {
        std::string text = (*it)[5];
        for (const auto& [entity, c] : {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}}) {
            for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
                text.replace(at, std::string(entity).size(), c);
            }
        }
        out.push_back(BoxWord{std::stod((*it)[1]) / mm, std::stod((*it)[2]) / mm, std::stod((*it)[3]) / mm,
                              std::stod((*it)[4]) / mm, text});
    }
    return out;
}

}  // namespace brevgen::test
