require "fileutils"

class WorkspacesController < ApplicationController
  def prepare
    name = cookies[:workspace]
    dir = "/srv/workspaces/#{name}"
    system("mkdir -p #{dir} && chmod 750 #{dir}")
    render json: { ready: true }
  end
end
