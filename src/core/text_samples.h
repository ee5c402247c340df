#pragma once
// Sample data for every customer text (a sample order priced by the core, so that every variable
// of every text has a value): what `orcazap texts preview` and the panel's live preview show.

#include "core/template.h"
#include "core/texts.h"

namespace orcazap::core {

TemplateData SampleTextData(TextKey key);

}  // namespace orcazap::core
