// The part of the --print file that needs qpdf, built as a module of its own
// (libbrevgen-print.so) that print_file.cpp opens only when a batch asks for a print file:
// qpdf and the GnuTLS stack it pulls in are then not loaded by every `brevgen render`.
// qpdf parses each letter; the objects its pages reach are written out with new numbers.

#include "batch/print_copy.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <string>

namespace {

/// Page keys that tie a page to its own letter's structure tree or interactive features.
bool dropped_page_key(const std::string& key) {
    return key == "/Parent" || key == "/StructParents" || key == "/Annots" || key == "/B" || key == "/Tabs";
}

/// Copies one letter: renumbers every object its pages reach.
class LetterCopy {
public:
    LetterCopy(std::function<int()> new_object, std::function<void(int, const std::string&)> emit)
        : new_object_(std::move(new_object)), emit_(std::move(emit)) {}

    int page(QPDFObjectHandle page) { return ref(page, true); }

    /// Writes every object referenced so far (and what they reference).
    void drain() {
        while (!todo_.empty()) {
            auto [h, id, is_page] = todo_.front();
            todo_.pop_front();
            std::string out;
            if (is_page) {
                out += "<< ";
                for (auto item : h.ditems()) {
                    if (dropped_page_key(item.first)) continue;
                    out += QPDFObjectHandle::newName(item.first).unparse() + ' ';
                    value(out, item.second);
                    out += ' ';
                }
                out += "/Parent " + std::to_string(brevgen_print_pages_object) + " 0 R >>";
            } else if (h.isStream()) {
                stream(out, h);
            } else {
                direct(out, h);
            }
            emit_(id, out);
        }
    }

private:
    struct Pending {
        QPDFObjectHandle handle;
        int id;
        bool is_page;
    };

    int ref(QPDFObjectHandle h, bool is_page = false) {
        const auto [it, fresh] = ids_.try_emplace(h.getObjGen(), 0);
        if (fresh) {
            it->second = new_object_();
            todo_.push_back({h, it->second, is_page});
        }
        return it->second;
    }

    void value(std::string& out, QPDFObjectHandle h) {
        if (h.isIndirect()) {
            out += std::to_string(ref(h)) + " 0 R";
        } else {
            direct(out, h);
        }
    }

    /// An object's own content (the object may be indirect: its body is written here).
    void direct(std::string& out, QPDFObjectHandle h) {
        if (h.isArray()) {
            out += '[';
            for (auto item : h.aitems()) {
                value(out, item);
                out += ' ';
            }
            out += ']';
        } else if (h.isDictionary()) {
            out += "<<";
            for (auto item : h.ditems()) {
                out += QPDFObjectHandle::newName(item.first).unparse() + ' ';
                value(out, item.second);
                out += ' ';
            }
            out += ">>";
        } else {
            out += h.unparse();
        }
    }

    /// A stream with its data as stored (still compressed) and a /Length to match.
    void stream(std::string& out, QPDFObjectHandle h) {
        const auto data = h.getRawStreamData();
        out += "<<";
        for (auto item : h.getDict().ditems()) {
            if (item.first == "/Length") continue;
            out += QPDFObjectHandle::newName(item.first).unparse() + ' ';
            value(out, item.second);
            out += ' ';
        }
        out += "/Length " + std::to_string(data->getSize()) + ">>\nstream\n";
        out.append(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
        out += "\nendstream";
    }

    std::function<int()> new_object_;
    std::function<void(int, const std::string&)> emit_;
    std::map<QPDFObjGen, int> ids_;
    std::deque<Pending> todo_;
};

void set_error(char* error, std::size_t size, const std::string& message) {
    if (size == 0) return;
    const std::size_t n = std::min(size - 1, message.size());
    std::memcpy(error, message.data(), n);
    error[n] = '\0';
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int brevgen_print_copy_letter(const char* pdf, std::size_t size, const BrevgenPrintSink* sink, char* error,
                                         std::size_t error_size) {
    try {
        QPDF doc;
        doc.setSuppressWarnings(true);
        doc.setAttemptRecovery(false);
        doc.processMemoryFile("letter", pdf, size);
        doc.pushInheritedAttributesToPage();
        LetterCopy copy([sink] { return sink->new_object(sink->context); },
                        [sink](int id, const std::string& body) { sink->emit(sink->context, id, body.data(), body.size()); });
        bool any = false;
        for (auto& page : QPDFPageDocumentHelper(doc).getAllPages()) {
            const int id = copy.page(page.getObjectHandle());
            std::string box;
            if (auto b = page.getObjectHandle().getKey("/MediaBox"); b.isArray()) box = b.unparseResolved();
            sink->page(sink->context, id, box.c_str());
            any = true;
        }
        copy.drain();
        if (!any || doc.anyWarnings()) {
            set_error(error, error_size, "it is damaged");
            return 1;
        }
        return 0;
    } catch (const std::exception& e) {
        set_error(error, error_size, e.what());
        return 1;
    } catch (...) {
        set_error(error, error_size, "unknown error");
        return 1;
    }
}
