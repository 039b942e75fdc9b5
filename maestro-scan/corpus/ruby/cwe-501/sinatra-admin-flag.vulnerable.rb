require "sinatra"

enable :sessions

post "/login" do
  account = Account.authenticate(params["email"], params["password"])
  halt 401 unless account
  session[:account_id] = account.id
  session[:admin] = params["admin"] == "true"
  redirect "/"
end
