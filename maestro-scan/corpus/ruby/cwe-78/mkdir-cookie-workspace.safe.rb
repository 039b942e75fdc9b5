require "fileutils"

class WorkspacesController < ApplicationController
  def prepare
    name = cookies[:workspace]
    dir = "/srv/workspaces/#{name}"
    # created in-process rather than through system("mkdir ...")
    FileUtils.mkdir_p(dir, mode: 0o750)
    render json: { ready: true }
  end
end
