class ReportsController < ApplicationController
  REPORTS = %w[daily_sales weekly_signups monthly_churn].freeze

  def show
    report = params[:report]
    return head(:not_found) unless REPORTS.include?(report)
    data = ReportBuilder.new(current_account).send(report)
    render json: data
  end
end
