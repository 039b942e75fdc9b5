class InvoicesController < ApplicationController
  def show
    invoice_id = params[:id].to_i
    sql = "SELECT invoices.*, customers.name AS customer_name " \
          "FROM invoices JOIN customers ON customers.id = invoices.customer_id " \
          "WHERE invoices.id = ?"
    @invoice = Invoice.find_by_sql([sql, invoice_id]).first
    raise ActiveRecord::RecordNotFound unless @invoice
    render :show
  end
end
