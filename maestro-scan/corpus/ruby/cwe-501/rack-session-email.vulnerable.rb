class NewsletterSignup
  def initialize(app)
    @app = app
  end

  def call(env)
    req = Rack::Request.new(env)
    if req.post? && req.path == "/newsletter"
      env["rack.session"][:verified_email] = req.params["email"]
      return [303, { "location" => "/thanks" }, []]
    end
    @app.call(env)
  end
end
