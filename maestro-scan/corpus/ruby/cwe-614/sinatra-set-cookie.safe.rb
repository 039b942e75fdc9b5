require "sinatra"
require "securerandom"

post "/login" do
  user = Account.authenticate(params["email"], params["password"])
  halt 401 unless user
  sid = SecureRandom.hex(32)
  SESSIONS[sid] = user.id
  response.set_cookie("sid", value: sid, path: "/", secure: true, httponly: true, same_site: :strict)
  redirect "/"
end
