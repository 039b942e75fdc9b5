class ReportsController < ApplicationController
  def by_field
    field = params[:group_by]
    if field.present?
      counts = Order.group(Arel.sql(field)).count
    else
      counts = Order.group(:status).count
    end
    render json: counts
  end
end
