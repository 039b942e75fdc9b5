class ReportsController < ApplicationController
  REPORT_DIR = Rails.root.join("reports").to_s.freeze

  def show
    path = File.join(REPORT_DIR, "#{params[:report]}.csv")
    csv = File.read(path)
    render plain: csv, content_type: "text/csv"
  end
end
