// The structure tree. Each element's kids are its own marked content (in painting order,
// which layout guarantees is reading order within an element) merged with its child
// elements (in Document::elements order, which is reading order), placed by where each
// child's content first appears.
#include "pdf/structure.hpp"

#include <array>

#include <algorithm>
#include <limits>
#include <string>

namespace brevgen::pdf {

namespace {

using layout::ElemId;

/// Where a piece of content sits in painting order: page, then MCID.
struct Key {
    std::size_t page = std::numeric_limits<std::size_t>::max();
    std::size_t seq = std::numeric_limits<std::size_t>::max();
    friend bool operator<(const Key& a, const Key& b) { return a.page != b.page ? a.page < b.page : a.seq < b.seq; }
};

/// A kid of a StructElem: marked content, an annotation, or a child element.
struct Kid {
    enum class Kind { mcid, annotation, elem } kind = Kind::mcid;
    Key key;
    std::size_t page = 0;
    std::size_t mcid = 0;
    HPDF_Annotation annotation = nullptr;
    ElemId child = 0;
};

struct Node {
    std::vector<Kid> content;        ///< own marked content and annotations, in painting order
    std::vector<ElemId> children;    ///< in element order
    Key first;                       ///< first content of the element or its descendants
    HPDF_Dict dict = nullptr;
};

void check_tree(const std::vector<layout::StructElem>& elements) {
    if (elements.empty()) throw PdfError("a tagged document needs a root structure element");
    if (elements[0].parent != layout::artifact) throw PdfError("structure element 0 must be the root");
    for (std::size_t i = 1; i < elements.size(); ++i)
        if (elements[i].parent < 0 || static_cast<std::size_t>(elements[i].parent) >= i)
            throw PdfError("structure element " + std::to_string(i) + " has no parent before it");
}

std::vector<Node> collect(const layout::Document& doc, const std::vector<PaintedPage>& pages) {
    std::vector<Node> nodes(doc.elements.size());
    for (std::size_t i = 1; i < doc.elements.size(); ++i)
        nodes[static_cast<std::size_t>(doc.elements[i].parent)].children.push_back(static_cast<ElemId>(i));
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const auto& mcids = pages[p].mcid_elems;
        for (std::size_t m = 0; m < mcids.size(); ++m) {
            Kid kid{Kid::Kind::mcid, {p, m}, p, m, nullptr, 0};
            nodes[static_cast<std::size_t>(mcids[m])].content.push_back(kid);
        }
        for (std::size_t a = 0; a < pages[p].links.size(); ++a) {
            const auto& link = pages[p].links[a];
            if (link.elem == layout::artifact) continue;
            // After the link's own text on that page.
            Kid kid{Kid::Kind::annotation, {p, mcids.size() + a}, p, 0, link.annotation, 0};
            auto& content = nodes[static_cast<std::size_t>(link.elem)].content;
            content.insert(std::upper_bound(content.begin(), content.end(), kid,
                                            [](const Kid& x, const Kid& y) { return x.key < y.key; }),
                           kid);
        }
    }
    for (std::size_t i = nodes.size(); i-- > 0;) {
        if (!nodes[i].content.empty()) nodes[i].first = std::min(nodes[i].first, nodes[i].content.front().key);
        if (i > 0) {
            auto& parent = nodes[static_cast<std::size_t>(doc.elements[i].parent)];
            parent.first = std::min(parent.first, nodes[i].first);
        }
    }
    return nodes;
}

/// Own content and child elements in reading order; children keep their element order.
std::vector<Kid> ordered_kids(const std::vector<Node>& nodes, const Node& node) {
    std::vector<Kid> kids;
    std::size_t c = 0;
    Key floor{0, 0};
    for (ElemId child : node.children) {
        Key key = std::max(nodes[static_cast<std::size_t>(child)].first, floor);
        floor = key;
        while (c < node.content.size() && node.content[c].key < key) kids.push_back(node.content[c++]);
        kids.push_back(Kid{Kid::Kind::elem, key, 0, 0, nullptr, child});
    }
    while (c < node.content.size()) kids.push_back(node.content[c++]);
    return kids;
}

/// Table header attributes, one object per scope that every TH of the letter shares.
using SharedAttributes = std::array<HPDF_Dict, 3>;

HPDF_Dict new_elem(HPDF_Doc pdf, const layout::StructElem& elem, SharedAttributes& shared) {
    HPDF_Dict dict = haru::new_object(pdf);
    // /Type is optional for structure elements; leaving it out saves 18 bytes each.
    HPDF_Dict_AddName(dict, "S", layout::role_name(elem.role));
    if (!elem.alt.empty()) haru::add_text(pdf, dict, "Alt", elem.alt);
    if (!elem.lang.empty()) haru::add_text(pdf, dict, "Lang", elem.lang);
    if (elem.role == layout::Role::TH) {
        const std::size_t scope = elem.scope == "Row" ? 0 : elem.scope == "Both" ? 1 : 2;
        HPDF_Dict& attributes = shared[scope];
        if (attributes == nullptr) {
            attributes = haru::new_object(pdf);
            HPDF_Dict_AddName(attributes, "O", "Table");
            HPDF_Dict_AddName(attributes, "Scope", scope == 0 ? "Row" : scope == 1 ? "Both" : "Column");
        }
        HPDF_Dict_Add(dict, "A", attributes);
    }
    return dict;
}

void write_kids(HPDF_Doc pdf, const std::vector<Node>& nodes, const std::vector<PaintedPage>& pages, const Node& node) {
    const std::vector<Kid> kids = ordered_kids(nodes, node);
    if (kids.empty()) return;
    // /Pg names the page of the element's first own content; MCIDs elsewhere need an MCR.
    std::size_t home = pages.size();
    for (const Kid& kid : node.content) {
        if (kid.kind == Kid::Kind::mcid) {
            home = kid.page;
            break;
        }
    }
    if (home < pages.size()) HPDF_Dict_Add(node.dict, "Pg", pages[home].page);
    // A single kid stands as /K itself, without an array around it (the most common case:
    // a paragraph's one MCID).
    HPDF_Array k = kids.size() == 1 ? nullptr : haru::new_array(pdf);
    if (k != nullptr) HPDF_Dict_Add(node.dict, "K", k);
    const auto add = [&](void* value) {
        if (k != nullptr) HPDF_Array_Add(k, value);
        else HPDF_Dict_Add(node.dict, "K", value);
    };
    for (const Kid& kid : kids) {
        if (kid.kind == Kid::Kind::elem) {
            add(nodes[static_cast<std::size_t>(kid.child)].dict);
        } else if (kid.kind == Kid::Kind::mcid && kid.page == home) {
            if (k != nullptr) HPDF_Array_AddNumber(k, static_cast<HPDF_INT32>(kid.mcid));
            else HPDF_Dict_AddNumber(node.dict, "K", static_cast<HPDF_INT32>(kid.mcid));
        } else {
            HPDF_Dict ref = haru::new_dict(pdf);
            add(ref);
            const bool mcr = kid.kind == Kid::Kind::mcid;
            HPDF_Dict_AddName(ref, "Type", mcr ? "MCR" : "OBJR");
            HPDF_Dict_Add(ref, "Pg", pages[kid.page].page);
            if (mcr) HPDF_Dict_AddNumber(ref, "MCID", static_cast<HPDF_INT32>(kid.mcid));
            else HPDF_Dict_Add(ref, "Obj", kid.annotation);
        }
    }
}

/// The number tree mapping each page's /StructParents to its MCIDs' elements, and each
/// link annotation's /StructParent to its Link element.
HPDF_Dict parent_tree(HPDF_Doc pdf, const std::vector<Node>& nodes, const std::vector<PaintedPage>& pages,
                      HPDF_INT32& next_key) {
    // Direct in the StructTreeRoot: ISO 32000-1 (table 322) does not ask for an indirect
    // reference, and each page's value stays a direct array of element references.
    HPDF_Dict tree = haru::new_dict(pdf);
    HPDF_Array nums = haru::new_array(pdf);
    HPDF_Dict_Add(tree, "Nums", nums);
    next_key = static_cast<HPDF_INT32>(pages.size());
    for (std::size_t p = 0; p < pages.size(); ++p) {
        if (pages[p].mcid_elems.empty()) continue;
        HPDF_Dict_AddNumber(pages[p].page, "StructParents", static_cast<HPDF_INT32>(p));
        HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(p));
        HPDF_Array elems = haru::new_array(pdf);
        HPDF_Array_Add(nums, elems);
        for (ElemId e : pages[p].mcid_elems) HPDF_Array_Add(elems, nodes[static_cast<std::size_t>(e)].dict);
    }
    for (const auto& page : pages) {
        for (const auto& link : page.links) {
            if (link.elem == layout::artifact) continue;
            HPDF_Dict_AddNumber(link.annotation, "StructParent", next_key);
            HPDF_Array_AddNumber(nums, next_key++);
            HPDF_Array_Add(nums, nodes[static_cast<std::size_t>(link.elem)].dict);
        }
    }
    return tree;
}

}  // namespace

void write_structure(HPDF_Doc pdf, const layout::Document& doc, const std::vector<PaintedPage>& pages) {
    check_tree(doc.elements);
    std::vector<Node> nodes = collect(doc, pages);

    HPDF_Dict root = haru::new_object(pdf);
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);

    SharedAttributes shared{};
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        nodes[i].dict = new_elem(pdf, doc.elements[i], shared);
        HPDF_Dict_Add(nodes[i].dict, "P", i == 0 ? root : nodes[static_cast<std::size_t>(doc.elements[i].parent)].dict);
    }
    for (const Node& node : nodes) write_kids(pdf, nodes, pages, node);
    HPDF_Dict_Add(root, "K", nodes[0].dict);

    HPDF_INT32 next_key = 0;
    HPDF_Dict_Add(root, "ParentTree", parent_tree(pdf, nodes, pages, next_key));
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", next_key);
}

}  // namespace brevgen::pdf
