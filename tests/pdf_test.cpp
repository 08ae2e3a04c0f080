// The PDF stage, checked from outside with the tools people and archives use: poppler
// (pdftotext, pdffonts, pdfinfo), qpdf and PDFBox Preflight.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>
#include <ctime>

#include "pdf/md5.hpp"
#include "pdf/writer.hpp"
#include "pdf_sample.hpp"
#include "pdf_tools.hpp"

using namespace brevgen;
using test::quote;
using test::run;

namespace {

std::shared_ptr<const fonts::FontSet> font_set() {
    static const auto set = fonts::FontSet::load(BREVGEN_TEST_FONT_DIR);
    return set;
}

/// Written once: most tests only read the same files.
const std::string& sample_pdf() {
    static const std::string path = test::write_temp(pdf::Writer(font_set()).write(test::sample_letter(*font_set())));
    return path;
}

const std::string& typical_pdf() {
    static const std::string path = test::write_temp(pdf::Writer(font_set()).write(test::typical_letter(*font_set())));
    return path;
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

/// Message of the PdfError `doc` causes, or "" when it writes.
std::string write_error(pdf::Writer& writer, const layout::Document& doc) {
    try {
        writer.write(doc);
    } catch (const pdf::PdfError& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("pdf: pdftotext returns the text exactly and without warnings", "[pdf]") {
    std::string warnings;
    const std::string text = test::pdftotext(sample_pdf(), &warnings);
    CHECK(warnings.empty());
    CHECK_THAT(text, Catch::Contains("Indkaldelse til opfølgningsmøde"));
    CHECK_THAT(text, Catch::Contains("æ ø å Æ Ø Å é ü § – “ ” €"));
    CHECK_THAT(text, Catch::Contains("Nguyễn Thị Ngọc Ánh"));
    CHECK_THAT(text, Catch::Contains("Kollega: Αλέξανδρος"));
    CHECK_THAT(text, Catch::Contains("• Medbring din mødeindkaldelse"));
    CHECK_THAT(text, Catch::Contains("Læs mere på borger.dk om sygedagpenge."));
    CHECK_THAT(text, Catch::Contains("Side 1 af 1"));
}

TEST_CASE("pdf: fonts are embedded subsets, only the faces a letter uses", "[pdf]") {
    const std::string sample = run("pdffonts " + quote(sample_pdf()));
    CHECK_THAT(sample, Catch::Contains("+LiberationSans ") && Catch::Contains("+LiberationSans-Bold") &&
                           Catch::Contains("+DejaVuSans"));
    std::istringstream lines(sample);
    int fonts = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find("CID TrueType") == std::string::npos) continue;
        ++fonts;
        INFO(line);
        CHECK_THAT(line, Catch::Contains("Identity-H       yes yes yes"));
    }
    CHECK(fonts == 3);
    const std::string typical = run("pdffonts " + quote(typical_pdf()));
    CHECK_THAT(typical, !Catch::Contains("DejaVu"));  // no Greek, so no fallback font
}

TEST_CASE("pdf: every embedded font program is on 1024 units per em and agrees with /W", "[pdf]") {
    // The sample uses regular, bold and the fallback: each embedded program, as fontTools
    // reads it out of the PDF (via qpdf), is on half its font's 2048 units, has an empty
    // .notdef and no post table, and each glyph's advance is its /W width within one unit
    // (what PDF/A-1 asks of widths).
    const auto script = std::filesystem::path(test::write_temp("", ".py"));
    std::ofstream(script) << R"(import io, json, subprocess, sys
from fontTools.ttLib import TTFont
pdf = sys.argv[1]
objects = json.loads(subprocess.run(["qpdf", "--json=1", "--json-key=objects", pdf], capture_output=True,
                                    check=True).stdout)["objects"]
checked = 0
for key, v in objects.items():
    if not isinstance(v, dict) or v.get("/Subtype") != "/Type0":
        continue
    cid = v["/DescendantFonts"][0]
    descriptor = objects[cid["/FontDescriptor"]]
    data = subprocess.run(["qpdf", "--show-object=" + descriptor["/FontFile2"].split()[0], "--filtered-stream-data", pdf],
                          capture_output=True, check=True).stdout
    font = TTFont(io.BytesIO(data))
    assert font["head"].unitsPerEm == 1024, "unitsPerEm %d" % font["head"].unitsPerEm
    assert "post" not in font, "post table"
    order = font.getGlyphOrder()
    assert font["glyf"][order[0]].numberOfContours == 0, "notdef outline"
    widths, i = cid["/W"], 0
    while i < len(widths):  # c [w1 w2 ...] or c_first c_last w
        if isinstance(widths[i + 1], list):
            pairs = [(widths[i] + k, w) for k, w in enumerate(widths[i + 1])]
            i += 2
        else:
            pairs = [(c, widths[i + 2]) for c in range(widths[i], widths[i + 1] + 1)]
            i += 3
        for c, w in pairs:
            advance = font["hmtx"][order[c]][0] * 1000 / 1024
            assert abs(advance - w) <= 1, "width of CID %d: %s against %s" % (c, advance, w)
    checked += 1
print(checked)
)";
    const std::string out = run("/usr/bin/python3 " + quote(script.string()) + " " + quote(sample_pdf()) + " 2>&1");
    CHECK(out == "3\n");
}

TEST_CASE("pdf: pdfinfo sees a tagged document with title and pages", "[pdf]") {
    const std::string info = run("pdfinfo " + quote(sample_pdf()));
    CHECK_THAT(info, Catch::Contains("Tagged:          yes"));
    CHECK_THAT(info, Catch::Contains("Title:           Indkaldelse til opfølgningsmøde"));
    CHECK_THAT(info, Catch::Contains("Author:          Jobcenter Aarhus"));
    CHECK_THAT(info, Catch::Contains("Producer:        brevgen"));
    CHECK_THAT(info, Catch::Contains("PDF version:     1.4"));
    CHECK(test::page_count(sample_pdf()) == 1);
}

TEST_CASE("pdf: the structure tree holds every role and all text in reading order", "[pdf]") {
    const std::string tree = run("pdfinfo -struct-text " + quote(sample_pdf()));
    for (const char* role : {"Document", "H1 ", "P ", "L ", "LI ", "Lbl ", "LBody ", "Table ", "TR", "TH", "TD",
                             "Figure", "Link"}) {
        INFO(role);
        CHECK_THAT(tree, Catch::Contains(role));
    }
    CHECK_THAT(tree, Catch::Contains("/Scope /Column"));
    // Every word pdftotext finds, except the page number (an artifact), is in the tree, in order.
    std::vector<std::string> page = words(test::pdftotext(sample_pdf()));
    page.erase(std::find(page.begin(), page.end(), "Side"), page.end());
    std::string tree_text;
    for (std::size_t at = tree.find('"'); at != std::string::npos; at = tree.find('"', at + 1)) {
        const std::size_t end = tree.find('"', at + 1);
        tree_text += tree.substr(at + 1, end - at - 1) + " ";
        at = end;
    }
    const std::vector<std::string> tagged = words(tree_text);
    std::size_t next = 0;
    for (const std::string& w : page) {
        const auto it = std::find(tagged.begin() + static_cast<std::ptrdiff_t>(next), tagged.end(), w);
        INFO("word " << w);
        REQUIRE(it != tagged.end());
        next = static_cast<std::size_t>(it - tagged.begin()) + 1;
    }
    CHECK_THAT(tree_text, !Catch::Contains("Side 1 af 1"));
}

TEST_CASE("pdf: XMP metadata declares PDF/A-1a and PDF/UA-1 and matches the info dictionary", "[pdf]") {
    const std::string meta = run("pdfinfo -meta " + quote(sample_pdf()));
    CHECK_THAT(meta, Catch::Contains("pdfuaid:part=\"1\""));
    CHECK_THAT(meta, Catch::Contains("pdfaid:part=\"1\""));
    CHECK_THAT(meta, Catch::Contains("pdfaid:conformance=\"A\""));
    CHECK_THAT(meta, Catch::Contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
    CHECK_THAT(meta, Catch::Contains("xml:lang=\"x-default\">Indkaldelse til opfølgningsmøde<"));
    // One alternative: the same title again under da-DK (the catalog's /Lang) said nothing more.
    CHECK_THAT(meta, !Catch::Contains("xml:lang=\"da-DK\""));
    // The Producer names brevgen; a Creator (CreatorTool) that only repeats it is left out.
    CHECK_THAT(meta, !Catch::Contains("CreatorTool"));
    CHECK_THAT(meta, Catch::Contains("xmp:CreateDate=\"2026-11-30T00:00:00+01:00\""));
    const std::string info = run("pdfinfo " + quote(sample_pdf()));
    CHECK_THAT(info, !Catch::Contains("Creator:"));
    const auto producer = info.substr(info.find("Producer:") + 9);
    CHECK_THAT(meta, Catch::Contains("pdf:Producer=\"" + producer.substr(producer.find_first_not_of(' '),
                                                                           producer.find('\n') - producer.find_first_not_of(' ')) +
                                     "\""));
}

TEST_CASE("pdf: a creator other than brevgen is named in the info dictionary and the XMP alike", "[pdf]") {
    auto doc = test::typical_letter(*font_set());
    doc.meta.creator = "Sagssystem & Co 4.2";
    const std::string path = test::write_temp(pdf::Writer(font_set()).write(doc));
    CHECK_THAT(run("pdfinfo " + quote(path)), Catch::Contains("Creator:         Sagssystem & Co 4.2"));
    CHECK_THAT(run("pdfinfo -meta " + quote(path)), Catch::Contains("xmp:CreatorTool=\"Sagssystem &amp; Co 4.2\""));
}

TEST_CASE("pdf: summer dates carry the Danish summer-time offset", "[pdf]") {
    auto doc = test::typical_letter(*font_set());
    doc.meta.date = "2026-07-01";
    const std::string path = test::write_temp(pdf::Writer(font_set()).write(doc));
    CHECK_THAT(run("pdfinfo -meta " + quote(path)), Catch::Contains("2026-07-01T00:00:00+02:00"));
    CHECK_THAT(run("pdfinfo -isodates " + quote(path)), Catch::Contains("2026-07-01T00:00:00+02"));
}

TEST_CASE("pdf: qpdf finds no structural errors", "[pdf]") {
    for (const std::string* path : {&sample_pdf(), &typical_pdf()}) {
        int code = -1;
        const std::string out = run("qpdf --check " + quote(*path) + " 2>&1", &code);
        INFO(out);
        CHECK(code == 0);
        CHECK_THAT(out, Catch::Contains("No syntax or stream encoding errors"));
    }
}

TEST_CASE("pdf: link annotations are printable, tagged and point at the URI", "[pdf]") {
    CHECK_THAT(run("pdfinfo -url " + quote(sample_pdf())), Catch::Contains("1  Annotation    https://www.borger.dk/"));
    const std::string bytes = pdf::Writer(font_set()).write(test::sample_letter(*font_set()));
    CHECK_THAT(bytes, Catch::Contains("/F 4"));
    CHECK_THAT(bytes, Catch::Contains("/StructParent 1"));
    CHECK_THAT(bytes, Catch::Contains("/Type/OBJR"));
    CHECK_THAT(bytes, Catch::Contains("/Alt(Kommunens logo)"));
    CHECK_THAT(bytes, Catch::Contains("/Lang(da-DK)"));
    CHECK_THAT(bytes, Catch::Contains("/Tabs/S"));
    CHECK_THAT(bytes, Catch::Contains("/DisplayDocTitle true"));
}

TEST_CASE("pdf: the same document gives the same bytes", "[pdf]") {
    const auto doc = test::sample_letter(*font_set());
    pdf::Writer writer(font_set());
    const std::string first = writer.write(doc);
    CHECK(writer.write(test::typical_letter(*font_set())) != first);
    CHECK(writer.write(doc) == first);  // nothing carries over from the letter in between
    CHECK(pdf::Writer(font_set()).write(doc) == first);
    auto other = doc;
    other.meta.title = "Referat";
    const std::string changed = pdf::Writer(font_set()).write(other);
    const auto id = [](const std::string& pdf) { return pdf.substr(pdf.rfind("/ID[")); };
    CHECK(id(changed) != id(first));  // the file identifier follows the content
}

TEST_CASE("pdf: objects are written compactly, and the cross-reference table finds each", "[pdf]") {
    const std::string bytes = pdf::Writer(font_set()).write(test::sample_letter(*font_set()));
    CHECK(bytes.substr(0, 15) == "%PDF-1.4\n%\xB7\xBE\xAD\xAA\n");  // binary comment (PDF/A-1)
    CHECK_THAT(bytes, Catch::Contains("/Type/Catalog"));
    CHECK_THAT(bytes, !Catch::Contains("<<\n") && !Catch::Contains("\n>>") && !Catch::Contains("/Length 0 R") &&
                          !Catch::Contains("/ProcSet"));
    // Dictionaries used once and allowed direct by ISO 32000-1 are not objects of their own.
    CHECK_THAT(bytes, Catch::Contains("/ParentTree<</Nums[") && Catch::Contains("/DescendantFonts[<</Type/Font"));
    // The widths most glyphs share are the font's /DW, not repeated in /W (the same text
    // positions are checked by the bbox tests).
    CHECK_THAT(bytes, Catch::Contains("/DW 556/W[1["));
    const std::size_t startxref = bytes.rfind("startxref\n");
    REQUIRE(startxref != std::string::npos);
    const std::size_t xref = std::stoul(bytes.substr(startxref + 10));
    REQUIRE(bytes.compare(xref, 7, "xref\n0 ") == 0);
    const std::size_t count = std::stoul(bytes.substr(xref + 7));
    std::size_t at = bytes.find('\n', xref + 7) + 1;
    CHECK(bytes.compare(at, 20, "0000000000 65535 f\r\n") == 0);
    for (std::size_t n = 1; n < count; ++n) {
        at += 20;  // every entry is exactly 20 bytes
        INFO("object " << n);
        REQUIRE(bytes.compare(at + 10, 10, " 00000 n\r\n") == 0);
        const std::size_t offset = std::stoul(bytes.substr(at, 10));
        CHECK(bytes.compare(offset, std::to_string(n).size() + 7, std::to_string(n) + " 0 obj\n") == 0);
        CHECK((n == 1 || bytes.compare(offset - 8, 8, "\nendobj\n") == 0));
    }
    CHECK(bytes.compare(at + 20, 8, "trailer\n") == 0);
    CHECK(bytes.substr(bytes.size() - 6) == "%%EOF\n");
}

TEST_CASE("pdf: parentheses, backslashes and non-Latin text in strings come back unchanged", "[pdf]") {
    auto doc = test::sample_letter(*font_set());
    doc.meta.title = "Møde (2) om a\\b) og (c";
    doc.meta.author = "Jobcenter Αθήνα";  // outside PDFDocEncoding: UTF-16
    const std::string path = test::write_temp(pdf::Writer(font_set()).write(doc));
    const std::string info = run("pdfinfo " + quote(path));
    CHECK_THAT(info, Catch::Contains("Title:           Møde (2) om a\\b) og (c\n"));
    CHECK_THAT(info, Catch::Contains("Author:          Jobcenter Αθήνα\n"));
    CHECK(run("qpdf --check " + quote(path) + " >/dev/null 2>&1; echo $?") == "0\n");
}

TEST_CASE("pdf: the file identifier's MD5 gives RFC 1321's digests", "[pdf]") {
    const auto hex = [](std::string_view text) {
        std::string out;
        for (const auto b : pdf::md5(text)) {
            out += "0123456789abcdef"[b >> 4];
            out += "0123456789abcdef"[b & 15];
        }
        return out;
    };
    CHECK(hex("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57edf4a22be3c955ac49da2e2107b67a");  // 80 bytes: a whole block and a two-block tail
    CHECK(hex(std::string(55, 'a')) == "ef1772b6dff9a122358552954ad0df65");  // the tail's last one-block size
    CHECK(hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");  // the first that needs two
}

TEST_CASE("pdf: a typical one-page letter stays within 15 KB", "[pdf]") {
    const std::string bytes = pdf::Writer(font_set()).write(test::typical_letter(*font_set()));
    INFO("size " << bytes.size());
    CHECK(bytes.size() <= 15 * 1024);
}

TEST_CASE("pdf: an opaque PNG keeps its compressed data, undone by the PNG predictors", "[pdf]") {
    std::string rgb;
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 5; ++x) rgb += std::string{static_cast<char>(40 * x), static_cast<char>(50 * y), '\x7F'};
    const std::string png = test::encode_png(5, 6, rgb, 3);
    const std::string idat = png.substr(8 + 25 + 8, png.size() - (8 + 25 + 8) - 4 - 12);
    auto doc = test::sample_letter(*font_set());
    doc.images[0] = {"logo.png", png, true};
    const std::string bytes = pdf::Writer(font_set()).write(doc);
    CHECK(bytes.find(idat) != std::string::npos);  // passed through, not re-encoded
    CHECK_THAT(bytes, Catch::Contains("/Predictor 15"));
    // The samples a reader decodes are the pixels, Sub-filtered rows included.
    const std::string pdf = test::write_temp(bytes);
    const auto prefix = test::temp_path("-img");
    run("pdfimages " + quote(pdf) + " " + quote(prefix));
    std::ifstream in(prefix.string() + "-000.ppm", std::ios::binary);
    const std::string ppm{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    REQUIRE(ppm.size() >= rgb.size());
    CHECK(ppm.substr(ppm.size() - rgb.size()) == rgb);
    std::filesystem::remove(prefix.string() + "-000.ppm");

    // A truncated PNG is refused, never passed on.
    auto bad = doc;
    bad.images[0] = {"logo.png", png.substr(0, png.size() - 30), true};
    pdf::Writer writer(font_set());
    CHECK_THAT(write_error(writer, bad), Catch::Contains("logo.png"));
}

TEST_CASE("pdf: a JPEG goes in as it is, with its DCTDecode filter and length", "[pdf]") {
    // A real JPEG, as poppler writes one from the sample letter's page.
    const auto prefix = test::temp_path("-jpeg");
    run("pdftoppm -jpeg -r 12 -singlefile " + quote(sample_pdf()) + " " + quote(prefix));
    const std::string jpeg_path = prefix.string() + ".jpg";
    std::ifstream in(jpeg_path, std::ios::binary);
    const std::string jpeg{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::filesystem::remove(jpeg_path);
    REQUIRE(jpeg.size() > 100);
    auto doc = test::sample_letter(*font_set());
    doc.images[0] = {"logo.jpg", jpeg, false};
    const std::string bytes = pdf::Writer(font_set()).write(doc);
    CHECK_THAT(bytes, Catch::Contains("/Length " + std::to_string(jpeg.size()) + "/Filter/DCTDecode>>\nstream\n" + jpeg +
                                      "\nendstream\nendobj\n"));
    const std::string path = test::write_temp(bytes);
    CHECK(run("qpdf --check " + quote(path) + " >/dev/null 2>&1; echo $?") == "0\n");
    CHECK_THAT(run("pdfimages -list " + quote(path)), Catch::Contains(" jpeg "));
}

TEST_CASE("pdf: an error leaves the writer usable", "[pdf]") {
    pdf::Writer writer(font_set());
    const std::string good = writer.write(test::sample_letter(*font_set()));

    auto broken = test::sample_letter(*font_set());
    broken.images[0] = {"billeder/logo.png", "\x89PNG\r\n\x1a\n not really", true};
    CHECK_THAT(write_error(writer, broken), Catch::Contains("billeder/logo.png"));
    CHECK(writer.write(test::sample_letter(*font_set())) == good);

    broken.images[0] = {"underskrift.jpg", "GIF89a", false};
    CHECK_THAT(write_error(writer, broken), Catch::Contains("underskrift.jpg"));

    auto bad_page = test::sample_letter(*font_set());
    bad_page.pages[0].width = 0;  // libharu refuses the page size
    CHECK_THAT(write_error(writer, bad_page), Catch::Contains("libharu error 0x"));
    CHECK(writer.write(test::sample_letter(*font_set())) == good);

    auto bad_tree = test::sample_letter(*font_set());
    bad_tree.elements[3].parent = 7;
    CHECK_THAT(write_error(writer, bad_tree), Catch::Contains("structure element 3"));

    auto no_glyph = test::typical_letter(*font_set());
    std::get<layout::TextRun>(no_glyph.pages[0].items[0].shape).text = "中";
    CHECK_THAT(write_error(writer, no_glyph), Catch::Contains("U+4E2D") && Catch::Contains("brevgen-bold.ttf"));
    CHECK(writer.write(test::sample_letter(*font_set())) == good);
}

TEST_CASE("pdf: content spanning pages and justified text", "[pdf]") {
    test::DocBuilder b(*font_set());
    const auto p = b.elem(layout::Role::P, 0);
    b.run(p, 57, 800, "Første side slutter her,", fonts::Face::regular, 11, 2.5);
    b.doc.pages.emplace_back();
    b.run(p, 57, 80, "og afsnittet fortsætter på side to.", fonts::Face::italic, 11, 1.5);
    b.run(layout::artifact, 280, 800, "Side 2 af 2", fonts::Face::bold_italic, 9);
    const std::string path = test::write_temp(pdf::Writer(font_set()).write(b.doc));
    CHECK(test::page_count(path) == 2);
    const std::string text = test::pdftotext(path);
    CHECK_THAT(text, Catch::Contains("Første side slutter her,"));
    CHECK_THAT(text, Catch::Contains("og afsnittet fortsætter på side to."));
    CHECK_THAT(run("pdfinfo -struct-text " + quote(path)),
               Catch::Contains("\"Første side slutter her,\"") && Catch::Contains("\"og afsnittet fortsætter på side to.\""));
    CHECK(run("qpdf --check " + quote(path) + " >/dev/null 2>&1; echo $?") == "0\n");
}

TEST_CASE("pdf: without tagging and PDF/A the extras stay out", "[pdf]") {
    const std::string bytes = pdf::Writer(font_set(), {false, false}).write(test::sample_letter(*font_set()));
    const std::string path = test::write_temp(bytes);
    CHECK_THAT(run("pdfinfo " + quote(path)), Catch::Contains("Tagged:          no"));
    CHECK_THAT(bytes, !Catch::Contains("/StructTreeRoot") && !Catch::Contains("/OutputIntents") &&
                          !Catch::Contains("pdfaid"));
    // The content streams are compressed (and the hex /ID may hold "BDC" by chance): look
    // at them uncompressed.
    const std::string content = run("qpdf --qdf --object-streams=disable " + quote(path) + " -");
    CHECK_THAT(content, Catch::Contains("BT") && !Catch::Contains("BDC") && !Catch::Contains("BMC"));
    CHECK_THAT(test::pdftotext(path), Catch::Contains("Nguyễn Thị Ngọc Ánh"));
}

TEST_CASE("pdf: writers on two threads work independently", "[pdf]") {
    const auto doc = test::sample_letter(*font_set());
    const std::string expected = pdf::Writer(font_set()).write(doc);
    std::array<int, 2> same{};
    std::array<std::thread, 2> threads;
    for (std::size_t t = 0; t < threads.size(); ++t) {
        threads[t] = std::thread([&, t] {
            pdf::Writer writer(font_set());
            for (int i = 0; i < 25; ++i) same[t] += writer.write(i % 2 ? test::typical_letter(*font_set()) : doc) == expected;
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(same[0] == 13);
    CHECK(same[1] == 13);
}

TEST_CASE("pdf: PDFBox Preflight finds the letters valid PDF/A-1", "[pdf][preflight]") {
    const std::string classpath = test::preflight_classpath();
    if (classpath.empty())
        FAIL("PDFBox Preflight missing: install libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless");
    for (const std::string* path : {&sample_pdf(), &typical_pdf()}) {
        int code = -1;
        const std::string out =
            run("java -cp " + classpath + " org.apache.pdfbox.preflight.Validator_A1b " + quote(*path) + " 2>&1", &code);
        INFO(out);
        CHECK_THAT(out, Catch::Contains("is a valid PDF/A-1b file"));
        CHECK(code == 0);
    }
}

TEST_CASE("pdf: CPU time of a warm write (run with [bench])", "[.][bench]") {
    pdf::Writer writer(font_set());
    const auto doc = test::typical_letter(*font_set());
    writer.write(doc);
    std::vector<double> micros;
    for (int i = 0; i < 1000; ++i) {
        timespec a{}, b{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        const std::string bytes = writer.write(doc);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        micros.push_back(static_cast<double>(b.tv_sec - a.tv_sec) * 1e6 + static_cast<double>(b.tv_nsec - a.tv_nsec) / 1e3);
    }
    std::sort(micros.begin(), micros.end());
    WARN("typical one-page letter: median " << micros[500] << " us, p90 " << micros[900] << " us CPU per write, "
                                            << writer.write(doc).size() << " bytes");
    CHECK(micros[500] < 1000);
}
