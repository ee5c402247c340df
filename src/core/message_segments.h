#pragma once
// A tokenized message cut into the stretches that can each hold order lines (see item_parse.h
// for the rules), plus the street addresses that hold none.

#include <cstddef>
#include <vector>

#include "core/token.h"

namespace orcazap::core {

struct Segment {
  size_t begin = 0;  // token range [begin, end)
  size_t end = 0;
  size_t line = 0;
  bool question = false;   // ends with "?"
  bool bullet = false;     // its line starts with "-", "*", "•" or "1)"
  bool continues = false;  // follows another segment of the same line after ",", "e", "+"...
};

std::vector<Segment> SplitSegments(const std::vector<Token>& tokens);

// Clears `available` from an address word ("rua", "av.", "travessa", "nº 12"...) to the end
// of its line, and for list numbering ("1)", "2.") at the start of a line.
void MaskAddressesAndNumbering(const std::vector<Token>& tokens, std::vector<bool>* available);

// Clears `available` for a phone number given after a contact word (IsContactWord,
// core/item_words.h: "telefone", "zap"...), past up to three linking
// words or a colon ("meu telefone é 3333 4444", "zap: (11) 98888-7777"): the numbers and the
// "-", "(", ")", "+", "." between them, when they hold 8 digits or more. They are never counts
// ("tem tijolo? meu telefone 3333 4444" asks about tijolo, it orders none).
void MaskPhoneNumbers(const std::vector<Token>& tokens, std::vector<bool>* available);

}  // namespace orcazap::core
