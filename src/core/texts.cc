#include "core/texts.h"

namespace orcazap::core {

std::string RenderCapturePrompt(const std::string& customer_name) {
  std::string greeting = customer_name.empty() ? "Olá!" : "Olá, " + customer_name + "!";
  return greeting +
         " Para montar seu orçamento, me envie numa mensagem:\n"
         "1. *Local de entrega* (CEP ou bairro)\n"
         "2. *Forma de pagamento* (PIX, cartão, boleto ou dinheiro)\n"
         "3. *Dia da entrega* (ex.: amanhã, sexta, 15/01)\n"
         "4. *Itens e quantidades*\n\n"
         "Exemplo: _10 sacos de cimento, 2 m³ de areia, entrega no Centro, PIX, amanhã_";
}

}  // namespace orcazap::core
