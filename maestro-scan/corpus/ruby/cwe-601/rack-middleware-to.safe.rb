class LegacyRedirect
  def initialize(app)
    @app = app
  end

  def call(env)
    req = Rack::Request.new(env)
    return @app.call(env) unless req.path == "/go"
    path = URI(req.params["to"].to_s).path rescue "/"
    path = "/" unless path.start_with?("/") && !path.start_with?("//")
    [302, { "location" => path }, []]
  end
end
