#pragma once
// Sample data for every customer text (a sample order priced by the core, so that every variable
// of every text has a value): what `orcazap texts preview` and the panel's live preview show.

#include "core/template.h"
#include "core/texts.h"

namespace orcazap::core {

// `texts` are the store's, for texts shown inside others (missing_data's unknown_items).
TemplateData SampleTextData(TextKey key, const Texts& texts);

}  // namespace orcazap::core
