// Metadata, catalog entries and the file identifier; see metadata.hpp.
#include "pdf/metadata.hpp"

#include "pdf/md5.hpp"

#include <hpdf_encrypt.h>

#include <chrono>
#include <cstdio>
#include <optional>

namespace brevgen::pdf {

namespace {

/// A calendar date at local midnight in Denmark, with its UTC offset in hours.
struct LetterDate {
    int year = 0;
    unsigned month = 0, day = 0;
    int offset_hours = 1;
};

/// Denmark keeps CET (+01) and, from the last Sunday of March to the last Sunday of
/// October, CEST (+02); the switches happen at night, so midnight on the March Sunday is
/// still +01 and midnight on the October Sunday still +02.
int copenhagen_offset(std::chrono::year_month_day date) {
    using namespace std::chrono;
    const auto last_sunday = [&](month m) {
        const sys_days last{date.year() / m / std::chrono::last};
        return last - (weekday{last} - Sunday);
    };
    const sys_days d{date};
    return d > last_sunday(March) && d <= last_sunday(October) ? 2 : 1;
}

std::optional<LetterDate> parse_date(const std::string& iso) {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (iso[static_cast<std::size_t>(i)] < '0' || iso[static_cast<std::size_t>(i)] > '9') return std::nullopt;
    LetterDate d;
    d.year = std::stoi(iso.substr(0, 4));
    d.month = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
    d.day = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
    const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}};
    if (!ymd.ok()) return std::nullopt;
    d.offset_hours = copenhagen_offset(ymd);
    return d;
}

std::string pdf_date(const LetterDate& d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "D:%04d%02u%02u000000+%02d'00'", d.year, d.month, d.day, d.offset_hours);
    return buf;
}

std::string xmp_date(const LetterDate& d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT00:00:00+%02d:00", d.year, d.month, d.day, d.offset_hours);
    return buf;
}

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

/// Declares the pdfuaid schema: PDF/A-1 accepts XMP properties outside its own list only
/// when the file describes them. The property's fields are attributes of a description
/// (RDF's abbreviated form); XMPBox (PDFBox Preflight) reads the schema's own fields only
/// as elements.
constexpr const char* pdfua_extension_schema =
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
    "<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    "<pdfaSchema:property><rdf:Seq><rdf:li><rdf:Description pdfaProperty:name=\"part\" pdfaProperty:valueType=\"Integer\""
    " pdfaProperty:category=\"internal\" pdfaProperty:description=\"ISO 14289 part\"/></rdf:li>"
    "</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>";

/// `<tag><rdf:Alt><rdf:li xml:lang="x-default">text</rdf:li></rdf:Alt></tag>`. One
/// alternative: the text is in the document's language (the catalog's /Lang), and the same
/// text again under that language's tag would tell a reader nothing more.
std::string lang_alt(const char* tag, const std::string& text) {
    return std::string("<") + tag + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(text) + "</rdf:li></rdf:Alt></" +
           tag + ">";
}

/// The creator, when it is not brevgen itself: the Producer already names brevgen, and the
/// info dictionary and the XMP must carry the same (PDF/A), so both leave it out then.
std::string own_creator(const layout::Metadata& meta) {
    return meta.creator == producer() || meta.creator.empty() ? std::string() : meta.creator;
}

/// A subject that only repeats the title says nothing more: neither the info dictionary
/// nor the XMP carries it then (the two must agree).
bool has_own_subject(const layout::Metadata& meta) { return !meta.subject.empty() && meta.subject != meta.title; }

/// ` name="value"`: a simple property in RDF's abbreviated form, an attribute of its
/// rdf:Description (half the bytes of an element of its own).
std::string attribute(const char* name, const std::string& value) {
    return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

/// One rdf:Description holding every property: the same information as the info
/// dictionary (PDF/A requires them to agree) plus the PDF/A and PDF/UA identification.
/// Simple properties are attributes; titles, author and subject are language alternatives
/// and sequences, which need elements. No whitespace between elements and no padding:
/// nothing edits these files in place.
std::string xmp_packet(const layout::Metadata& meta, const std::optional<LetterDate>& date,
                       const std::string& creator, bool tagged, bool pdfa) {
    std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">";
    // XMPBox (PDFBox Preflight) only finds extension schemas in a description of their own.
    if (tagged && pdfa)
        x += std::string("<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
                         " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
                         " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">") +
             pdfua_extension_schema + "</rdf:Description>";
    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
         " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";
    if (pdfa) x += " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    if (tagged) x += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    x += attribute("pdf:Producer", producer());
    if (!meta.keywords.empty()) x += attribute("pdf:Keywords", meta.keywords);
    if (!creator.empty()) x += attribute("xmp:CreatorTool", creator);
    if (date) x += attribute("xmp:CreateDate", xmp_date(*date)) + attribute("xmp:ModifyDate", xmp_date(*date));
    if (pdfa) x += " pdfaid:part=\"1\" pdfaid:conformance=\"A\"";
    if (tagged) x += " pdfuaid:part=\"1\"";
    x += ">";
    if (!meta.title.empty()) x += lang_alt("dc:title", meta.title);
    if (!meta.author.empty()) x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(meta.author) + "</rdf:li></rdf:Seq></dc:creator>";
    if (has_own_subject(meta)) x += lang_alt("dc:description", meta.subject);
    x += "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    return x;
}

}  // namespace

std::string producer() { return "brevgen " BREVGEN_VERSION; }

void write_metadata(HPDF_Doc pdf, const layout::Metadata& meta, bool tagged, bool pdfa) {
    std::optional<LetterDate> date;
    if (!meta.date.empty()) {
        date = parse_date(meta.date);
        if (!date) throw PdfError("letter date '" + meta.date + "' is not an ISO 8601 date");
    }
    const std::string creator = own_creator(meta);
    HPDF_Dict info = pdf->info;
    if (info == nullptr) throw PdfError("libharu made no info dictionary");
    const std::pair<const char*, const std::string*> fields[] = {
        {"Title", &meta.title}, {"Author", &meta.author}, {"Subject", &meta.subject}, {"Keywords", &meta.keywords}};
    for (const auto& [key, value] : fields)
        if (!value->empty() && (value != &meta.subject || has_own_subject(meta))) haru::add_text(pdf, info, key, *value);
    if (!creator.empty()) haru::add_text(pdf, info, "Creator", creator);
    haru::add_text(pdf, info, "Producer", producer());
    if (date) {
        haru::add_text(pdf, info, "CreationDate", pdf_date(*date));
        haru::add_text(pdf, info, "ModDate", pdf_date(*date));
    }

    HPDF_Dict xmp = haru::new_stream(pdf, xmp_packet(meta, date, creator, tagged, pdfa), false);
    HPDF_Dict_AddName(xmp, "Type", "Metadata");
    HPDF_Dict_AddName(xmp, "Subtype", "XML");
    HPDF_Dict_Add(pdf->catalog, "Metadata", xmp);
}

void write_accessibility(HPDF_Doc pdf, const layout::Metadata& meta) {
    if (!meta.lang.empty()) haru::add_text(pdf, pdf->catalog, "Lang", meta.lang);
    HPDF_Dict mark_info = haru::new_dict(pdf);
    HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark_info);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict prefs = haru::new_dict(pdf);
    HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
}

void write_output_intent(HPDF_Doc pdf, const OutputProfile& profile) {
    HPDF_Dict stream = haru::new_deflated_stream(pdf, profile.deflated);
    HPDF_Dict_AddNumber(stream, "N", profile.components);
    HPDF_Array intents = haru::new_array(pdf);
    HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
    HPDF_Dict intent = haru::new_dict(pdf);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    haru::add_text(pdf, intent, "OutputConditionIdentifier", profile.condition);
    HPDF_Dict_Add(intent, "DestOutputProfile", stream);
}

void finish_id(std::string& bytes) {
    const std::string placeholder(32, '0');
    const std::size_t at = bytes.rfind("/ID[");
    const std::size_t first = at == std::string::npos ? at : bytes.find('<', at);
    const std::size_t second = first == std::string::npos ? first : bytes.find('<', first + 1);
    if (second == std::string::npos || bytes.compare(first + 1, 32, placeholder) != 0 ||
        bytes.compare(second + 1, 32, placeholder) != 0)
        throw PdfError("cannot find the file identifier placeholder");
    const auto digest = md5(bytes);
    static constexpr char hex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < 16; ++i) {
        for (std::size_t pos : {first + 1, second + 1}) {
            bytes[pos + 2 * i] = hex[digest[i] >> 4];
            bytes[pos + 2 * i + 1] = hex[digest[i] & 0xF];
        }
    }
}

}  // namespace brevgen::pdf
