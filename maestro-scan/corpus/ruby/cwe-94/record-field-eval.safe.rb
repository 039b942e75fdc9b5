class ExportController < ApplicationController
  COLUMNS = %w[id email name created_at].freeze

  def column
    field = params[:field]
    return head(:bad_request) unless COLUMNS.include?(field)
    values = current_account.users.map { |record| record.public_send(field) }
    render json: values
  end
end
