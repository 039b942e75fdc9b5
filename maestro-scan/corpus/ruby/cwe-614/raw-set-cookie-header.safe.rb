class ApiSessionsController < ActionController::API
  def create
    account = Account.find_by(api_key: request.headers["X-Api-Key"])
    return head(:unauthorized) unless account
    token = account.issue_session_token!
    response.headers["Set-Cookie"] = "session_token=#{token}; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict"
    head :created
  end
end
