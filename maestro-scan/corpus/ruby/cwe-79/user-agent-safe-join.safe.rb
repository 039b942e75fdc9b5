class DebugController < ApplicationController
  def client
    agent = request.user_agent
    parts = ["<dl><dt>User agent</dt><dd>".html_safe, agent, "</dd></dl>".html_safe]
    render html: helpers.safe_join(parts)
  end
end
