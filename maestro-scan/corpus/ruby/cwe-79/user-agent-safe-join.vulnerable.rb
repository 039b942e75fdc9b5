class DebugController < ApplicationController
  def client
    agent = request.user_agent
    parts = ["<dl><dt>User agent</dt><dd>", agent, "</dd></dl>"]
    render html: parts.join.html_safe
  end
end
