#include "core/item_words.h"

#include <algorithm>
#include <iterator>
#include <unordered_set>

namespace orcazap::core {
namespace {

constexpr std::string_view kChatter[] = {
    "oi",         "ola",       "opa",       "bom",       "boa",      "dia",
    "tarde",      "noite",     "tudo",      "bem",       "obrigado", "obrigada",
    "obg",        "brigado",   "valeu",     "vlw",       "att",      "atenciosamente",
    "abraco",     "abs",       "grato",     "grata",     "favor",    "pfv",
    "pf",         "pls",       "ok",        "blz",       "beleza",   "sim",
    "nao",        "quanto",    "quanta",    "qual",      "quais",    "quando",
    "como",       "onde",      "tem",       "voce",      "voces",    "vcs",
    "vc",         "gostaria",  "queria",    "orcamento", "orcar",    "preco",
    "precos",     "valor",     "valores",   "frete",     "entrega",  "entregar",
    "entregue",   "entregam",  "pagamento", "pagar",     "pago",     "cep",
    "bairro",     "rua",       "hoje",      "amanha",    "aguardo",  "fico",
    "retorno",    "ai",        "aqui",      "obra",      "endereco", "numero",
    "nome",       "meu",       "minha",     "sou",       "eu",       "moro",
    "falar",      "hora",      "horario",   "isso",      "esse",     "essa",
    "ate",        "menos",     "pode",      "ser",       "seria",    "fica",
    "ficaria",    "sai",       "custa",     "cotacao",   "certo",    "entao",
    "gente",      "pessoal",   "amigo",     "amiga",     "moco",     "moca",
    "senhor",     "senhora",   "sr",        "sra",       "kkk",      "kkkk",
    "rs",         "haha",      "por",       "lista",     "segue",    "seguinte",
    "material",   "materiais", "loja",      "desde",     "ja",       "ainda",
    "so",         "tambem",    "tbm",       "tb",        "urgente",  "prazo",
    "disponivel", "estoque",   "consegue",  "conseguem", "preciso",  "precisaria",
    "precisando", "quero",     "manda",     "mande",     "mandar",   "me",
    "ve",         "separa",    "separar",   "vou",       "vai",      "comprar",
    "compra",     "levar",     "saber",     "cada",      "verdade",  "acho",
    "uns",        "umas",      "mais",      "ne"};

constexpr std::string_view kNonProduct[] = {"dia",       "hora",   "minuto", "vez",     "semana",
                                            "mes",       "mese",   "ano",    "real",    "pessoa",
                                            "orcamento", "pedido", "frete",  "entrega", "obra",
                                            "casa",      "andar",  "comodo", "filho",   "pergunta"};

constexpr std::string_view kAddress[] = {
    "rua",   "r",     "avenida",    "av",   "travessa", "alameda",     "rodovia",  "estrada",
    "praca", "largo", "condominio", "cond", "apto",     "apartamento", "edificio", "endereco"};

template <typename List>
bool Contains(const List& list, std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

}  // namespace

bool IsChatterWord(std::string_view word) {
  static const std::unordered_set<std::string_view> chatter(std::begin(kChatter),
                                                            std::end(kChatter));
  return chatter.contains(word);
}
bool IsNonProductNoun(std::string_view key) { return Contains(kNonProduct, key); }
bool IsAddressWord(std::string_view word) { return Contains(kAddress, word); }

}  // namespace orcazap::core
