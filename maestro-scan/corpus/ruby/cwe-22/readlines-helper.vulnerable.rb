class LogsController < ApplicationController
  def tail
    lines = IO.readlines(log_path(params[:service])).last(200)
    render plain: lines.join
  end

  private

  def log_path(service)
    "/var/log/apps/#{service}.log"
  end
end
