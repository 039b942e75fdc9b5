require "rack"

class ThemeBanner
  def call(env)
    req = Rack::Request.new(env)
    theme = req.cookies["theme"] || "light"
    body = "<div class=\"banner\">Current theme: #{theme}</div>"
    [200, { "content-type" => "text/html" }, [body]]
  end
end
