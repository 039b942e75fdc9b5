class LegacyRedirect
  def initialize(app)
    @app = app
  end

  def call(env)
    req = Rack::Request.new(env)
    return @app.call(env) unless req.path == "/go"
    [302, { "location" => req.params["to"].to_s }, []]
  end
end
