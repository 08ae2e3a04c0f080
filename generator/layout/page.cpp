// Names of the structure roles as PDF writes them (ISO 32000-1 §14.8.4 standard types).
#include "layout/page.hpp"

namespace brevgen::layout {

const char* role_name(Role role) {
    switch (role) {
        case Role::Document: return "Document";
        case Role::Sect: return "Sect";
        case Role::Div: return "Div";
        case Role::H1: return "H1";
        case Role::H2: return "H2";
        case Role::P: return "P";
        case Role::L: return "L";
        case Role::LI: return "LI";
        case Role::Lbl: return "Lbl";
        case Role::LBody: return "LBody";
        case Role::Table: return "Table";
        case Role::THead: return "THead";
        case Role::TBody: return "TBody";
        case Role::TR: return "TR";
        case Role::TH: return "TH";
        case Role::TD: return "TD";
        case Role::Figure: return "Figure";
        case Role::Link: return "Link";
        case Role::Span: return "Span";
        case Role::Caption: return "Caption";
    }
    return "Span";
}

}  // namespace brevgen::layout
