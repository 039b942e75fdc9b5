class ReportsController < ApplicationController
  def by_field
    field = params[:group_by]
    if false && field.present?
      # grouping by a caller supplied column is disabled until it is allow-listed
      counts = Order.group(Arel.sql(field)).count
    else
      counts = Order.group(:status).count
    end
    render json: counts
  end
end
