#include "tools/bench/figures.h"

#include <algorithm>
#include <cmath>
#include <iostream>

namespace orcazap::bench {

double Percentile(std::vector<double>& samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(samples.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

double Round3(double value) { return std::round(value * 1000.0) / 1000.0; }

void PrintFigures(const Figures& figures) { std::cout << figures.dump() << std::endl; }

}  // namespace orcazap::bench
