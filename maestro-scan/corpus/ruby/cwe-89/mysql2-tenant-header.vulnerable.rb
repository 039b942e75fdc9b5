require "mysql2"

class TenantStats
  def initialize(app)
    @app = app
    @client = Mysql2::Client.new(host: "db", username: "stats", database: "saas")
  end

  def call(env)
    request = Rack::Request.new(env)
    tenant = request.get_header("HTTP_X_TENANT_ID")
    rows = @client.query("SELECT COUNT(*) AS n FROM events WHERE tenant = '#{tenant}'")
    [200, { "content-type" => "text/plain" }, ["events: #{rows.first['n']}"]]
  end
end
