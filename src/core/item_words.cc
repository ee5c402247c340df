#include "core/item_words.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace orcazap::core {
namespace {

constexpr std::string_view kChatter[] = {
    "oi",         "ola",       "opa",       "bom",       "boa",       "dia",
    "tarde",      "noite",     "tudo",      "bem",       "obrigado",  "obrigada",
    "obg",        "brigado",   "valeu",     "vlw",       "att",       "atenciosamente",
    "abraco",     "abs",       "grato",     "grata",     "favor",     "pfv",
    "pf",         "pls",       "ok",        "blz",       "beleza",    "sim",
    "nao",        "quanto",    "quanta",    "qual",      "quais",     "quando",
    "como",       "onde",      "tem",       "voce",      "voces",     "vcs",
    "vc",         "gostaria",  "queria",    "orcamento", "orcar",     "preco",
    "precos",     "valor",     "valores",   "frete",     "entrega",   "entregar",
    "entregue",   "entregam",  "pagamento", "pagar",     "pago",      "cep",
    "bairro",     "rua",       "hoje",      "amanha",    "aguardo",   "fico",
    "retorno",    "ai",        "aqui",      "obra",      "endereco",  "numero",
    "nome",       "meu",       "minha",     "sou",       "eu",        "moro",
    "falar",      "hora",      "horario",   "isso",      "esse",      "essa",
    "ate",        "menos",     "pode",      "ser",       "seria",     "fica",
    "ficaria",    "sai",       "custa",     "cotacao",   "certo",     "entao",
    "gente",      "pessoal",   "amigo",     "amiga",     "moco",      "moca",
    "senhor",     "senhora",   "sr",        "sra",       "kkk",       "kkkk",
    "rs",         "haha",      "por",       "lista",     "segue",     "seguinte",
    "material",   "materiais", "loja",      "desde",     "ja",        "ainda",
    "so",         "tambem",    "tbm",       "tb",        "urgente",   "prazo",
    "disponivel", "estoque",   "consegue",  "conseguem", "preciso",   "precisaria",
    "precisando", "quero",     "manda",     "mande",     "mandar",    "me",
    "ve",         "separa",    "separar",   "vou",       "vai",       "comprar",
    "compra",     "levar",     "saber",     "cada",      "verdade",   "acho",
    "uns",        "umas",      "mais",      "ne",        "perfeito",  "otimo",
    "show",       "top",       "combinado", "fechado",   "fechou",    "entendi",
    "certinho",   "tranquilo", "legal",     "joia",      "maravilha", "bacana",
    "aguardando"};

// The work the material is for: "tinta pra pintar 50 m2", "cimento pra assentar o piso".
constexpr std::string_view kWorkVerbs[] = {"pintar",   "rebocar",        "assentar", "construir",
                                           "cobrir",   "fazer",          "levantar", "forrar",
                                           "revestir", "impermeabilizar"};

// WhatsApp abbreviations and fillers.
constexpr std::string_view kSlang[] = {
    "hj",    "amnh", "dps",  "qdo",  "qnd",    "q",         "pfvr",       "vdd",     "msm",
    "mesmo", "tmj",  "pgto", "mano", "querer", "precisava", "precisamos", "queremos"};

// Delivery notes after an order: "obs: deixar na portaria", "avisar o porteiro", "meu zap".
constexpr std::string_view kNotes[] = {
    "obs",       "observacao", "ps",      "deixar", "deixa",    "portaria", "porteiro",
    "interfone", "avisar",     "avisa",   "ligar",  "chegar",   "recado",   "receber",
    "recebe",    "telefone",   "celular", "whats",  "whatsapp", "zap",      "contato"};

// Verbs and words that state or correct a count: "são 12 sacos", "ops, era 10", "tem como
// ter 10 sacos?".
constexpr std::string_view kStating[] = {"ter",        "tenho",    "temos",   "tiver",  "sao",
                                         "era",        "eram",     "ficam",   "seriam", "ops",
                                         "corrigindo", "correcao", "errei",   "digo",   "alias",
                                         "desculpa",   "desculpe", "enganei", "engano", "dizer"};

constexpr std::string_view kNonProduct[] = {
    "dia", "hora", "minuto", "vez", "semana", "mes", "mese", "ano", "real", "pessoa", "orcamento",
    "pedido", "frete", "entrega", "obra", "casa", "andar", "comodo", "filho", "pergunta", "grau",
    // Parts of the work an area or a count is about ("sala de 20 m2", "2 quartos").
    "sala", "quarto", "cozinha", "banheiro", "parede", "muro", "terreno", "garagem", "varanda",
    "quintal", "calcada", "fachada"};

constexpr std::string_view kAddress[] = {
    "rua",   "r",     "avenida",    "av",   "travessa", "alameda",     "rodovia",  "estrada",
    "praca", "largo", "condominio", "cond", "apto",     "apartamento", "edificio", "endereco"};

// Before a phone number: "meu telefone 3333 4444", "zap: (11) 98888-7777".
constexpr std::string_view kContact[] = {"telefone", "tel",      "fone", "celular", "cel",
                                         "whats",    "whatsapp", "wpp",  "zap",     "contato"};

// Colours by word key (plurals are already singular there: "brancos" → "branco"), each with the
// one form of both genders.
constexpr std::pair<std::string_view, std::string_view> kColours[] = {
    {"branco", "branco"},       {"branca", "branco"},
    {"preto", "preto"},         {"preta", "preto"},
    {"azul", "azul"},           {"verde", "verde"},
    {"amarelo", "amarelo"},     {"amarela", "amarelo"},
    {"vermelho", "vermelho"},   {"vermelha", "vermelho"},
    {"cinza", "cinza"},         {"marrom", "marrom"},
    {"bege", "bege"},           {"roxo", "roxo"},
    {"roxa", "roxo"},           {"grafite", "grafite"},
    {"gelo", "gelo"},           {"marfim", "marfim"},
    {"creme", "creme"},         {"chumbo", "chumbo"},
    {"terracota", "terracota"}, {"laranja", "laranja"},
    {"dourado", "dourado"},     {"dourada", "dourado"},
    {"prata", "prata"},         {"transparente", "transparente"},
    {"incolor", "transparente"}};

template <typename List>
bool Contains(const List& list, std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

}  // namespace

bool IsChatterWord(std::string_view word) {
  static const std::unordered_set<std::string_view> chatter = [] {
    std::unordered_set<std::string_view> words(std::begin(kChatter), std::end(kChatter));
    words.insert(std::begin(kSlang), std::end(kSlang));
    words.insert(std::begin(kStating), std::end(kStating));
    words.insert(std::begin(kNotes), std::end(kNotes));
    words.insert(std::begin(kWorkVerbs), std::end(kWorkVerbs));
    return words;
  }();
  return chatter.contains(word);
}
bool IsWorkVerb(std::string_view word) { return Contains(kWorkVerbs, word); }

bool IsNonProductNoun(std::string_view key) { return Contains(kNonProduct, key); }

bool NounThatIsNotAProductAfter(const std::vector<Token>& tokens, size_t k) {
  return k + 1 < tokens.size() && tokens[k + 1].IsWord() && IsNonProductNoun(tokens[k + 1].key);
}
bool IsAddressWord(std::string_view word) { return Contains(kAddress, word); }

bool IsContactWord(std::string_view word) { return Contains(kContact, word); }

std::optional<std::string_view> ColourOf(std::string_view key) {
  static const std::unordered_map<std::string_view, std::string_view> colours(std::begin(kColours),
                                                                              std::end(kColours));
  const auto found = colours.find(key);
  if (found == colours.end()) return std::nullopt;
  return found->second;
}

bool SaysCorrection(const std::vector<Token>& tokens) {
  static constexpr std::string_view kCues[] = {"corrigindo", "correcao", "ops",     "opss",
                                               "errei",      "enganei",  "engano",  "alias",
                                               "digo",       "corrige",  "corrigir"};
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].IsWord() && Contains(kCues, tokens[i].text)) return true;
    if (WordsAt(tokens, i, {"na", "verdade"}) || WordsAt(tokens, i, {"na", "vdd"}) ||
        WordsAt(tokens, i, {"quer", "dizer"}) || WordsAt(tokens, i, {"quis", "dizer"})) {
      return true;
    }
  }
  return false;
}

}  // namespace orcazap::core
