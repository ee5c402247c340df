#include "adapters/web/conversation_pages.h"

#include <ctime>

#include "adapters/crypto/secret_box.h"
#include "adapters/log/log.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

const char* StatePtBr(const std::string& state) {
  if (state == "INBOUND") return "nova";
  if (state == "CAPTURE_MIN") return "coletando dados";
  if (state == "QUOTE_READY") return "orçamento pronto";
  if (state == "HUMAN_APPROVAL") return "aguardando aprovação";
  if (state == "QUOTE_SENT") return "orçamento enviado";
  if (state == "WAITING_REPLY") return "aguardando resposta da loja";
  if (state == "WON") return "fechado";
  if (state == "LOST") return "perdido";
  return "—";
}

std::string Customer(const service::InboxEntry& entry) {
  return (entry.customer_name.empty() ? "" : entry.customer_name + " ") + "+" +
         entry.customer_phone;
}

std::string Snippet(const std::string& text) {
  if (text.size() <= 80) return text;
  size_t cut = 80;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

Html Flag(const service::InboxEntry& entry) {
  return entry.needs_human ? RenderTemplate("flag.html", {}) : Html{};
}

}  // namespace

std::optional<Response> ConversationPages::Handle(const StoreRequest& request) {
  const auto where = InSection(request.http.path, "/conversas");
  if (!where) return std::nullopt;
  const bool get = request.http.method == "GET" || request.http.method == "HEAD";
  if (where->root) return get ? Inbox(request) : NotFound(request);
  if (where->action.empty() && get) return Show(request, where->id);
  if (where->action == "responder" && request.http.method == "POST")
    return Reply(request, where->id);
  return NotFound(request);
}

Response ConversationPages::Inbox(const StoreRequest& request) {
  auto entries = ports_.inbox.Inbox(request.session.tenant_id, 200);
  if (!entries) return Unavailable("cannot list conversations", entries.error());
  Html rows;
  for (const service::InboxEntry& entry : *entries) {
    rows.markup +=
        RenderTemplate("inbox_row.html", {{"id", entry.conversation_id},
                                          {"flag_class", entry.needs_human ? "needs-human" : ""},
                                          {"customer", Customer(entry)},
                                          {"state", StatePtBr(entry.state)},
                                          {"flag", Flag(entry)},
                                          {"last_text", Snippet(entry.last_text)}})
            .markup;
  }
  return StorePage(
      request, 200, "Conversas",
      RenderTemplate(
          "inbox.html",
          {{"rows", std::move(rows)},
           {"empty", Optional("notice.html", entries->empty() ? "Nenhuma conversa ainda." : "")}}));
}

Response ConversationPages::Show(const StoreRequest& request, const std::string& id,
                                 const std::string& error, const std::string& notice, int status) {
  auto thread = ports_.inbox.LoadThread(request.session.tenant_id, id, 200);
  if (!thread) return Unavailable("cannot load a conversation", thread.error());
  if (!*thread) return NotFound(request);
  const service::InboxEntry& entry = (*thread)->conversation;
  Html messages;
  for (const service::TranscriptEntry& message : (*thread)->messages) {
    messages.markup += RenderTemplate("thread_message.html",
                                      {{"direction", message.inbound ? "inbound" : "outbound"},
                                       {"at", DateTimePtBr(message.at)},
                                       {"text", message.text}})
                           .markup;
  }
  Html reply;
  if (service::WindowOpen(entry, ports_.clock.Now())) {
    reply = RenderTemplate("reply_form.html", {{"id", id},
                                               {"csrf", request.session.csrf_token},
                                               {"reply_id", crypto::RandomHex(16)},
                                               {"form_error", Optional("form_error.html", error)}});
  } else {
    reply = RenderTemplate(
        "window_closed.html",
        {{"last_inbound",
          entry.last_inbound_at ? DateTimePtBr(*entry.last_inbound_at) : "nenhuma"}});
  }
  return StorePage(request, status, "Conversa",
                   RenderTemplate("conversation.html", {{"customer", Customer(entry)},
                                                        {"state", StatePtBr(entry.state)},
                                                        {"flag", Flag(entry)},
                                                        {"messages", std::move(messages)},
                                                        {"notice", Optional("notice.html", notice)},
                                                        {"reply", std::move(reply)}}));
}

Response ConversationPages::Reply(const StoreRequest& request, const std::string& id) {
  const Form form = ParseForm(request.http);
  std::string reply_id = form.Get("reply_id");
  if (reply_id.size() != 32) reply_id = crypto::RandomHex(16);
  auto outcome = service::SendReply(request.session.tenant_id, id, request.session.user_id,
                                    reply_id, form.Get("text"), ports_);
  if (!outcome) return Unavailable("cannot record a reply", outcome.error());
  switch (*outcome) {
    case service::ReplyOutcome::kNotFound:
      return NotFound(request);
    case service::ReplyOutcome::kEmpty:
      return Show(request, id, "Escreva a resposta antes de enviar.", "", 422);
    case service::ReplyOutcome::kTooLong:
      return Show(request, id, "A resposta passa de 4096 caracteres.", "", 422);
    case service::ReplyOutcome::kWindowClosed:
      return Show(request, id, "", "", 409);
    case service::ReplyOutcome::kQueued:
      break;
  }
  adapters::log::Info("reply recorded in the panel",
                      {{"conversation_id", id}, {"user_id", request.session.user_id}});
  return Show(request, id, "", "Resposta enviada ao cliente.");
}

}  // namespace orcazap::adapters::web
