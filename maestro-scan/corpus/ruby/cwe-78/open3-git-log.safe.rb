require "open3"

class CommitsController < ApplicationController
  REPO = "/srv/git/app.git".freeze

  def index
    branch = params[:branch] || "main"
    out, status = Open3.capture2("git", "--git-dir=#{REPO}", "log", "--oneline", "-n", "20", "--", branch)
    return head(:bad_request) unless status.success?
    render plain: out
  end
end
