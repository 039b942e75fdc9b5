class WelcomeController < ApplicationController
  def hello
    name = ERB::Util.html_escape(params[:name] || "guest")
    render html: "<h1>Welcome, #{name}!</h1>".html_safe
  end
end
