#pragma once
/// Internal to the PDF stage: the logical structure tree (PDF/UA-1) built from the layout's
/// structure elements and the marked content painted on each page.

#include <vector>

#include "layout/page.hpp"
#include "pdf/content.hpp"

namespace brevgen::pdf {

/// Writes StructTreeRoot, the StructElems, the ParentTree and the pages' /StructParents
/// and the annotations' /StructParent; adds /StructTreeRoot to the catalog.
void write_structure(HPDF_Doc pdf, const layout::Document& doc, const std::vector<PaintedPage>& pages);

}  // namespace brevgen::pdf
