#pragma once
// A WhatsApp payload of tests/fixtures/whatsapp (Meta's shapes), read whole, for the test
// binaries: they are compiled with ORCAZAP_WHATSAPP_FIXTURES_DIR (tests/CMakeLists.txt).

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace orcazap::testing {

// Throws (the test fails naming the file) when it cannot be read.
inline std::string WhatsAppFixture(const std::string& name) {
  const std::string path = std::string(ORCAZAP_WHATSAPP_FIXTURES_DIR) + "/" + name;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read the WhatsApp fixture " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace orcazap::testing
