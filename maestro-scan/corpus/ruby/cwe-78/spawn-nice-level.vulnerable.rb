class JobsController < ApplicationController
  def start
    job = JSON.parse(request.body.read)
    settings = { script: "/opt/jobs/reindex.sh", level: job["priority"] }
    pid = spawn("nice -n #{settings[:level]} #{settings[:script]}")
    Process.detach(pid)
    render json: { pid: pid }, status: :accepted
  end
end
