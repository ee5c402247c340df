#include "core/texts.h"

#include <cassert>

namespace orcazap::core {

namespace {

struct TextDefinition {
  const char* name;
  TemplateSchema schema;
  const char* text;
};

const TemplateList kLines = {"lines", {"name", "quantity", "unit", "unit_price", "line_total"}};

// Index = TextKey.
const std::array<TextDefinition, kTextKeyCount>& Definitions() {
  static const std::array<TextDefinition, kTextKeyCount> kDefinitions = {{
      {"capture_prompt",
       {{"customer_name"}, {}},
       "Olá{{#customer_name}}, {{customer_name}}{{/customer_name}}! Para montar seu orçamento, "
       "me envie numa mensagem:\n"
       "1. *Local de entrega* (CEP ou bairro)\n"
       "2. *Forma de pagamento* (PIX, cartão, boleto ou dinheiro)\n"
       "3. *Dia da entrega* (ex.: amanhã, sexta, 15/01)\n"
       "4. *Itens e quantidades*\n\n"
       "Exemplo: _10 sacos de cimento, 2 m³ de areia, entrega no Centro, PIX, amanhã_"},
      {"missing_data",
       {{"customer_name", "understood", "location", "payment", "delivery", "unknown",
         "unknown_items"},
        {{"items", {"quantity", "unit", "name"}}, {"missing", {"what"}}}},
       "{{#understood}}Anotei{{#customer_name}}, {{customer_name}}{{/customer_name}}:\n"
       "{{#items}}• {{name}} — {{quantity}} {{unit}}\n{{/items}}"
       "{{#location}}• Entrega: {{location}}\n{{/location}}"
       "{{#payment}}• Pagamento: {{payment}}\n{{/payment}}"
       "{{#delivery}}• Dia: {{delivery}}\n{{/delivery}}\n{{/understood}}"
       "{{#unknown_items}}{{unknown_items}}\n\n{{/unknown_items}}"
       "Para fechar seu orçamento, ainda preciso de:\n"
       "{{#missing}}• {{what}}\n{{/missing}}"},
      {"quote",
       {{"customer_name", "subtotal", "volume_discount", "freight", "payment", "payment_discount",
         "payment_discount_pct", "total", "delivery", "location", "valid_until"},
        {kLines}},
       "*Orçamento*{{#customer_name}} para {{customer_name}}{{/customer_name}}\n\n"
       "{{#lines}}• {{name}} — {{quantity}} {{unit}}: {{line_total}}\n{{/lines}}\n"
       "Subtotal: {{subtotal}}\n"
       "{{#volume_discount}}(já com {{volume_discount}} de desconto por volume)\n"
       "{{/volume_discount}}"
       "Frete: {{freight}}\n"
       "{{#payment_discount}}Desconto {{payment}} ({{payment_discount_pct}}): "
       "-{{payment_discount}}\n{{/payment_discount}}"
       "*Total: {{total}}*\n\n"
       "Pagamento: {{payment}}\n"
       "Entrega: {{delivery}}{{#location}} ({{location}}){{/location}}\n"
       "Válido até {{valid_until}}\n\n"
       "Responda *SIM* para confirmar ou *NÃO* para cancelar."},
      {"approval_pending",
       {{"customer_name", "store_hours", "unknown"}, {}},
       "Obrigado{{#customer_name}}, {{customer_name}}{{/customer_name}}! Recebi seu pedido e um "
       "atendente vai conferir o orçamento{{#unknown}}, pois não encontrei no catálogo: "
       "{{unknown}}{{/unknown}}. Você recebe a resposta em breve"
       "{{#store_hours}} ({{store_hours}}){{/store_hours}}."},
      {"confirmation",
       {{"customer_name", "total", "payment", "delivery", "location"}, {kLines}},
       "*Pedido confirmado!* Obrigado{{#customer_name}}, {{customer_name}}{{/customer_name}}!\n\n"
       "{{#lines}}• {{name}} — {{quantity}} {{unit}}\n{{/lines}}\n"
       "*Total: {{total}}* ({{payment}})\n"
       "Entrega: {{delivery}}{{#location}} ({{location}}){{/location}}\n\n"
       "Vamos separar seu pedido e avisar quando sair para entrega. Qualquer dúvida, é só "
       "responder aqui."},
      {"decline",
       {{"customer_name"}, {}},
       "Tudo bem{{#customer_name}}, {{customer_name}}{{/customer_name}}! Cancelei o orçamento. "
       "Quando precisar, é só mandar mensagem."},
      {"quote_expired",
       {{"customer_name", "valid_until"}, {}},
       "Seu orçamento venceu em {{valid_until}}. Se ainda quiser, me mande os itens de novo que "
       "preparo um orçamento atualizado."},
      {"unknown_items",
       {{"customer_name", "unknown"}, {}},
       "Não encontrei no catálogo: {{unknown}}. Pode conferir o nome? Um atendente também vai "
       "olhar seu pedido."},
      {"send_as_text",
       {{"customer_name"}, {}},
       "Desculpe{{#customer_name}}, {{customer_name}}{{/customer_name}}, por aqui só consigo ler "
       "mensagens de *texto*. Pode escrever seu pedido numa mensagem?"},
      {"ask_for_cep",
       {{"customer_name", "location"}, {}},
       "Não consegui calcular o frete para "
       "{{#location}}{{location}}{{/location}}{{^location}}esse local{{/location}}. "
       "Pode me mandar o *CEP* da entrega? (ex.: 01310-100)"},
  }};
  return kDefinitions;
}

const TextDefinition& Definition(TextKey key) { return Definitions()[static_cast<size_t>(key)]; }

std::string TrimEnd(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

const char* TextKeyName(TextKey key) { return Definition(key).name; }

std::optional<TextKey> ParseTextKey(std::string_view name) {
  for (int i = 0; i < kTextKeyCount; ++i) {
    if (name == Definitions()[i].name) return static_cast<TextKey>(i);
  }
  return std::nullopt;
}

const TemplateSchema& TextSchema(TextKey key) { return Definition(key).schema; }

std::string_view DefaultText(TextKey key) { return Definition(key).text; }

Result<Template> ParseText(TextKey key, std::string_view text) {
  auto parsed = ParseTemplate(text, TextSchema(key));
  if (!parsed) return parsed.error().WithContext(std::string("text ") + TextKeyName(key));
  return parsed;
}

Texts::Texts() {
  for (int i = 0; i < kTextKeyCount; ++i) {
    auto parsed = ParseText(static_cast<TextKey>(i), Definitions()[i].text);
    assert(parsed.ok() && "default texts are valid templates");
    if (parsed) templates_[i] = std::move(*parsed);
  }
}

Texts TextsWithOverrides(const std::vector<std::pair<std::string, std::string>>& overrides) {
  Texts texts;
  for (const auto& [name, body] : overrides) {
    if (auto key = ParseTextKey(name)) (void)texts.Override(*key, body);
  }
  return texts;
}

const std::shared_ptr<const Texts>& DefaultTexts() {
  static const std::shared_ptr<const Texts> defaults = std::make_shared<const Texts>();
  return defaults;
}

Status Texts::Override(TextKey key, std::string_view text) {
  auto parsed = ParseText(key, text);
  if (!parsed) return parsed.error();
  templates_[static_cast<size_t>(key)] = std::move(*parsed);
  return Ok();
}

std::string Texts::Render(TextKey key, const TemplateData& data) const {
  return TrimEnd(templates_[static_cast<size_t>(key)]->Render(data));
}

std::string RenderCapturePrompt(const std::string& customer_name) {
  TemplateData data;
  data.values["customer_name"] = customer_name;
  static const Texts kDefaults;
  return kDefaults.Render(TextKey::kCapturePrompt, data);
}

}  // namespace orcazap::core
