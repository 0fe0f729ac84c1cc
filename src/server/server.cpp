#include "server/server.h"

#include <functional>
#include <mutex>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/commands.h"
#include "app/error_report.h"
#include "app/tokens.h"
#include "core/error.h"
#include "server/api_request.h"
#include "server/embedded.h"

namespace strata::server {

using nlohmann::json;

namespace {

constexpr const char* kApi = "/api/v1";
constexpr const char* kJson = "application/json";

int http_status(const app::ErrorReport& r) {
  if (r.lock_busy) return 409;
  switch (r.exit_code) {
    case app::kExitUsage: return 400;
    case app::kExitUnreachable: return 503;
    default: break;
  }
  bool unexpected = !r.errors.empty() && r.errors.front().rfind("unexpected: ", 0) == 0;
  return unexpected ? 500 : 422;
}

app::ErrorReport refusal_report(const std::string& message) {
  app::ErrorReport r;
  r.exit_code = app::kExitUsage;
  r.errors.push_back(message);
  return r;
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(2) + "\n", kJson);
}

// The parameters of the URL only: httplib also adds those of a form-encoded
// body to req.params, and a body here is JSON whatever its Content-Type says.
httplib::Params query_of(const httplib::Request& req) {
  httplib::Params params;
  auto mark = req.target.find('?');
  if (mark != std::string::npos) httplib::detail::parse_query_text(req.target.substr(mark + 1), params);
  return params;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// What a route handler gets and gives: the caller's context and request.
using Handler = std::function<json(app::Context& ctx, const httplib::Request& req, std::string& arguments)>;

}  // namespace

ListenAddress parse_listen(const std::string& text) {
  ListenAddress a;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw UsageError("listen address '" + text + "' is not [v6-address]:port");
    a.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
      throw UsageError("listen address '" + text + "' is not host:port (e.g. 127.0.0.1:8080)");
    a.host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  try {
    std::size_t used = 0;
    int p = std::stoi(port, &used);
    if (used != port.size() || p < 0 || p > 65535) throw std::out_of_range("port");
    a.port = p;
  } catch (const std::exception&) {
    throw UsageError("listen address '" + text + "': port '" + port + "' is not a number from 0 to 65535");
  }
  if (a.host == "localhost") a.host = "127.0.0.1";
  a.loopback = is_loopback(a.host);
  return a;
}

struct Server::Impl {
  app::Config config;
  ServeOptions options;
  ListenAddress address;
  std::shared_ptr<spdlog::logger> log;
  std::shared_ptr<spdlog::logger> audit_log;
  std::unique_ptr<httplib::Server> http;
  std::vector<RouteInfo> routes;
  std::string host = app::host_name();

  // One mutation at a time in this server; others get 409 at once.
  std::mutex mutation_mutex;
  std::string running;  // "apply by deploy-bot", guarded by running_mutex
  std::mutex running_mutex;

  std::shared_ptr<app::Invocation> invocation(const httplib::Request& req) const {
    auto inv = std::make_shared<app::Invocation>();
    inv->source = "api";
    inv->command = req.method + " " + req.path;
    inv->client = req.remote_addr + ":" + std::to_string(req.remote_port);
    inv->host = host;
    return inv;
  }

  app::Context context(std::string who, std::shared_ptr<app::Invocation> inv, bool mutation) const {
    app::Context ctx{config, std::move(who), log, std::move(inv), audit_log};
    if (mutation) ctx.config.lock_wait_ms = 0;  // a busy lock answers 409, it does not queue
    return ctx;
  }

  // Records a request refused before it reached a command (never its token).
  void refuse(const httplib::Request& req, httplib::Response& res, const std::string& who, int status,
              const std::string& message) {
    app::ErrorReport report = refusal_report(message);
    app::Context ctx = context(who, invocation(req), false);
    ctx.invocation->arguments = "";
    app::record_invocation(ctx, &report);
    send_json(res, status, json(report));
  }

  void add(const std::string& method, const std::string& path, bool mutation, const Handler& handler) {
    routes.push_back({method, path, true, mutation});
    auto run = [this, mutation, handler](const httplib::Request& req, httplib::Response& res) {
      handle(req, res, mutation, handler);
    };
    if (method == "GET")
      http->Get(path, run);
    else
      http->Post(path, run);
  }

  void handle(const httplib::Request& req, httplib::Response& res, bool mutation, const Handler& handler) {
    const app::ApiToken* token = nullptr;
    try {
      std::optional<std::string> header;
      if (req.has_header("Authorization")) header = req.get_header_value("Authorization");
      std::string presented = bearer_token(header);
      token = app::find_token(config.server.tokens, presented);
      if (token == nullptr) throw Refusal{401, "unknown token"};
      if (mutation && token->role != "admin")
        throw Refusal{403, "token '" + token->name + "' has role " + token->role + "; " + req.method + " " +
                               req.path + " needs an admin token"};
    } catch (const Refusal& r) {
      res.set_header("WWW-Authenticate", "Bearer");
      refuse(req, res, token ? token->name : "anonymous", r.status, r.message);
      return;
    }

    std::unique_lock<std::mutex> mutation_lock(mutation_mutex, std::defer_lock);
    if (mutation && !mutation_lock.try_lock()) {
      std::string what;
      {
        std::lock_guard<std::mutex> g(running_mutex);
        what = running;
      }
      refuse(req, res, token->name, 409,
             "this server is already running " + (what.empty() ? std::string("a mutation") : what) +
                 "; try again when it has finished");
      return;
    }
    if (mutation) {
      std::lock_guard<std::mutex> g(running_mutex);
      running = req.path.substr(req.path.rfind('/') + 1) + " for token '" + token->name + "'";
    }
    auto inv = invocation(req);
    app::Context ctx = context(token->name, inv, mutation);
    try {
      std::string arguments;
      json body = handler(ctx, req, arguments);
      inv->arguments = arguments;
      app::record_invocation(ctx, nullptr);
      send_json(res, 200, body);
    } catch (const Refusal& r) {
      app::ErrorReport report = refusal_report(r.message);
      app::record_invocation(ctx, &report);
      send_json(res, r.status, json(report));
    } catch (const std::exception& e) {
      app::ErrorReport report = app::report_error(e);
      app::record_invocation(ctx, &report);
      send_json(res, http_status(report), json(report));
    }
    if (mutation) {
      std::lock_guard<std::mutex> g(running_mutex);
      running.clear();
    }
  }

  void register_routes() {
    const std::string m = std::string(kApi) + "/migrations";
    add("GET", m + "/status", false, [](app::Context& ctx, const httplib::Request& req, std::string&) {
      query_parameters(query_of(req), {});
      auto r = app::status(ctx);
      return app::document(r, app::exit_code(r));
    });
    add("GET", m + "/history", false, [](app::Context& ctx, const httplib::Request& req, std::string&) {
      query_parameters(query_of(req), {});
      return app::document(app::history(ctx), app::kExitOk);
    });
    add("GET", m + "/check", false, [](app::Context& ctx, const httplib::Request& req, std::string&) {
      query_parameters(query_of(req), {});
      auto r = app::check(ctx);
      return app::document(r, app::exit_code(r));
    });
    add("GET", m + "/diff", false, [](app::Context& ctx, const httplib::Request& req, std::string&) {
      query_parameters(query_of(req), {});
      return app::document(app::diff(ctx), app::kExitOk);
    });
    add("POST", m + "/apply", true, [](app::Context& ctx, const httplib::Request& req, std::string& args) {
      query_parameters(query_of(req), {});
      json body = body_object(req.body, {"target", "backup"});
      app::ApplyOptions o;
      o.target = string_field(body, "target", "");
      o.backup = bool_field(body, "backup", false);
      args = "target=" + (o.target.empty() ? std::string("head") : o.target) + (o.backup ? " backup" : "");
      ctx.invocation->arguments = args;
      return app::document(app::apply(ctx, o), app::kExitOk);
    });
    add("POST", m + "/rollback", true, [](app::Context& ctx, const httplib::Request& req, std::string& args) {
      query_parameters(query_of(req), {});
      json body = body_object(req.body, {"target"});
      std::string target = string_field(body, "target", "");
      if (target.empty())
        throw Refusal{400, "body field 'target' is required: a revision id or prefix, -N, or base"};
      args = "target=" + target;
      ctx.invocation->arguments = args;
      return app::document(app::rollback(ctx, target), app::kExitOk);
    });
    add("POST", m + "/create", true, [](app::Context& ctx, const httplib::Request& req, std::string& args) {
      auto q = query_parameters(query_of(req), {"message"});
      body_object(req.body, {});
      if (!q.count("message") || q["message"].empty())
        throw Refusal{400, "query parameter 'message' is required: what the revision does"};
      app::CreateOptions o;
      o.message = q["message"];
      args = "message=" + o.message;
      ctx.invocation->arguments = args;
      return app::document(app::create(ctx, o), app::kExitOk);
    });
    add("GET", std::string(kApi) + "/audit", false,
        [](app::Context& ctx, const httplib::Request& req, std::string& args) {
          auto q = query_parameters(query_of(req), {"since", "limit"});
          app::AuditQuery query;
          if (q.count("since")) query.since = q["since"];
          if (q.count("limit")) query.limit = int_parameter("limit", q["limit"], 1, 10000);
          args = (query.since.empty() ? "" : "since=" + query.since + " ") + "limit=" + std::to_string(query.limit);
          return app::document(app::audit(ctx, query), app::kExitOk);
        });
    add("GET", std::string(kApi) + "/whoami", false,
        [this](app::Context& ctx, const httplib::Request& req, std::string&) {
          query_parameters(query_of(req), {});
          std::string role;
          for (const auto& t : config.server.tokens)
            if (t.name == ctx.who) role = t.role;
          return json{{"ok", true}, {"exit_code", app::kExitOk}, {"name", ctx.who}, {"role", role},
                      {"may_mutate", role == "admin"}};
        });

    // Unauthenticated: liveness, the API's description, the page.
    routes.push_back({"GET", "/healthz", false, false});
    http->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, json{{"ok", true}});
    });
    routes.push_back({"GET", std::string(kApi) + "/openapi.json", false, false});
    http->Get(std::string(kApi) + "/openapi.json", [](const httplib::Request&, httplib::Response& res) {
      std::string_view doc = openapi_json();
      res.set_content(doc.data(), doc.size(), kJson);
    });
    routes.push_back({"GET", "/", false, false});
    http->Get("/", [](const httplib::Request&, httplib::Response& res) {
      std::string_view page = status_page_html();
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                     "connect-src 'self'; img-src 'self' data:");
      res.set_header("Cache-Control", "no-store");
      res.set_content(page.data(), page.size(), "text/html; charset=utf-8");
    });
  }

  void configure() {
    http->new_task_queue = [n = options.threads] { return new httplib::ThreadPool(n); };
    http->set_payload_max_length(options.max_body_bytes);
    http->set_read_timeout(options.read_timeout_s, 0);
    http->set_write_timeout(options.write_timeout_s, 0);
    http->set_keep_alive_timeout(5);
    http->set_keep_alive_max_count(100);
    http->set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
    // Unknown routes, bodies over the limit and other errors httplib raises
    // itself get the same JSON errors, and are audited too.
    http->set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string message;
      if (res.status == 404)
        message = "no route " + req.method + " " + req.path + " (the routes are listed at /api/v1/openapi.json)";
      else if (res.status == 413)
        message = "the request body is over " + std::to_string(options.max_body_bytes) + " bytes";
      else if (res.status == 400)
        message = "the request could not be read (malformed, or a POST without Content-Length: send {} "
                  "when there is nothing to say)";
      else if (res.status == 414)
        message = "the request line is too long";
      else
        message = "the request was refused with HTTP status " + std::to_string(res.status);
      int status = res.status;
      refuse(req, res, "anonymous", status, message);
    });
    http->set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr e) {
      app::ErrorReport report = app::report_error(e);
      app::Context ctx = context("anonymous", invocation(req), false);
      app::record_invocation(ctx, &report);
      send_json(res, 500, json(report));
    });
  }
};

Server::Server(app::Config config, ServeOptions options, std::shared_ptr<spdlog::logger> log,
               std::shared_ptr<spdlog::logger> audit_log)
    : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->options = std::move(options);
  impl_->log = std::move(log);
  impl_->audit_log = std::move(audit_log);
  const std::string listen = impl_->options.listen.empty() ? impl_->config.server.listen : impl_->options.listen;
  impl_->address = parse_listen(listen);
  const auto& o = impl_->options;
  if (o.tls_cert.empty() != o.tls_key.empty()) throw UsageError("--tls-cert and --tls-key go together; give both");
  bool tls = !o.tls_cert.empty();
  if (!impl_->address.loopback && !tls && !o.insecure_listen)
    throw UsageError("refusing to listen on " + listen +
                     " without TLS: tokens would cross the network in clear; give --tls-cert and --tls-key, "
                     "listen on 127.0.0.1, or pass --insecure-listen if something else encrypts the traffic");
  if (tls) {
    auto ssl = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!ssl->is_valid())
      throw UsageError("cannot load the TLS certificate " + o.tls_cert + " or key " + o.tls_key +
                       " (PEM files, the key unencrypted)");
    impl_->http = std::move(ssl);
  } else {
    impl_->http = std::make_unique<httplib::Server>();
  }
  impl_->configure();
  impl_->register_routes();
}

Server::~Server() = default;

int Server::bind() {
  const auto& a = impl_->address;
  int port = a.port;
  if (port == 0) {
    port = impl_->http->bind_to_any_port(a.host);
  } else if (!impl_->http->bind_to_port(a.host, port)) {
    port = -1;
  }
  if (port < 0) throw Error("cannot listen on " + a.host + ":" + std::to_string(a.port) + " (in use, or not an address of this machine)");
  return port;
}

void Server::run() { impl_->http->listen_after_bind(); }

void Server::stop() { impl_->http->stop(); }

const std::vector<RouteInfo>& Server::routes() const { return impl_->routes; }

bool Server::tls() const { return !impl_->options.tls_cert.empty(); }

}  // namespace strata::server
