class ExportsController < ApplicationController
  def download
    project = params[:project]
    data = IO.popen("tar -czf - -C /srv/projects #{project}", "rb", &:read)
    send_data data, filename: "export.tar.gz", type: "application/gzip"
  end
end
