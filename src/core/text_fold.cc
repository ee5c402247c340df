#include "core/text_fold.h"

#include <cstdint>

namespace orcazap::core {
namespace {

// Decodes one UTF-8 sequence at `pos`; invalid bytes decode as themselves, one byte long.
char32_t Decode(std::string_view s, size_t pos, size_t* length) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const uint8_t lead = byte(pos);
  size_t n = lead < 0x80           ? 1
             : (lead >> 5) == 0x6  ? 2
             : (lead >> 4) == 0xE  ? 3
             : (lead >> 3) == 0x1E ? 4
                                   : 0;
  if (n == 0 || pos + n > s.size()) {
    *length = 1;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? lead : lead & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      *length = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  *length = n;
  return cp;
}

// Latin-1 supplement letters U+00C0..U+00FF folded to ASCII lowercase ("" = not a letter).
constexpr const char* kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "x", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// The ASCII reading of a code point, or "" when it has none (it then becomes a space).
std::string_view FoldCodePoint(char32_t cp, char* ascii) {
  if (cp < 0x80) {
    *ascii = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    return std::string_view(ascii, 1);
  }
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  switch (cp) {
    case 0xB2:
      return "2";  // ²
    case 0xB3:
      return "3";  // ³
    case 0xB9:
      return "1";
    case 0xBA:
      return "o";  // º
    case 0xAA:
      return "a";  // ª
    case 0xB0:
      return "o";  // °
    case 0xBD:
      return "1/2";
    case 0x2018:
    case 0x2019:
    case 0xB4:
    case 0x60:
      return "'";
    case 0x201C:
    case 0x201D:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
      return "-";
    case 0x2026:
      return "...";
    case 0x2022:
      return "-";  // •
    case 0xA0:
    case 0x2009:
    case 0x202F:
      return " ";
  }
  if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A: only the base letters matter here
    static constexpr char kBase[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrr"
        "rrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    const size_t index = cp - 0x100;
    if (index < sizeof kBase - 1) {
      *ascii = kBase[index];
      return std::string_view(ascii, 1);
    }
  }
  return "";
}

}  // namespace

std::string_view FoldedText::Original(std::string_view source, size_t begin, size_t end) const {
  const size_t from = source_offsets[begin];
  const size_t to = source_offsets[end];
  return source.substr(from, to - from);
}

FoldedText FoldText(std::string_view utf8) {
  FoldedText folded;
  folded.text.reserve(utf8.size());
  folded.source_offsets.reserve(utf8.size() + 1);
  for (size_t pos = 0; pos < utf8.size();) {
    size_t length = 1;
    const char32_t cp = Decode(utf8, pos, &length);
    char ascii = 0;
    std::string_view out = FoldCodePoint(cp, &ascii);
    // Zero-width joiners and variation selectors glue emoji together: drop them silently.
    const bool invisible = cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200B;
    if (out.empty() && !invisible) out = " ";
    for (char c : out) {
      folded.text.push_back(c);
      folded.source_offsets.push_back(pos);
    }
    pos += length;
  }
  folded.source_offsets.push_back(utf8.size());
  return folded;
}

std::string Fold(std::string_view utf8) { return FoldText(utf8).text; }

}  // namespace orcazap::core
