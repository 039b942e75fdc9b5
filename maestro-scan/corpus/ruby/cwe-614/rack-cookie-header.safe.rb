require "rack"

class TokenIssuer
  def call(env)
    token = TokenService.issue(env["REMOTE_USER"])
    headers = { "content-type" => "application/json" }
    Rack::Utils.set_cookie_header!(headers, "api_token", { value: token, path: "/api", secure: true, httponly: true })
    [200, headers, ["{\"ok\":true}"]]
  end
end
