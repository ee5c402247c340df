#pragma once
// Summaries of measured samples, and the one JSON line each benchmark prints.

#include <nlohmann/json.hpp>
#include <vector>

namespace orcazap::bench {

using Figures = nlohmann::ordered_json;

// The p-th percentile (0..100, nearest rank) of `samples`; 0 when there are none. Sorts them.
double Percentile(std::vector<double>& samples, double p);

// Rounds to 3 decimals, so printed figures stay readable.
double Round3(double value);

// Prints `figures` as one line on stdout.
void PrintFigures(const Figures& figures);

}  // namespace orcazap::bench
