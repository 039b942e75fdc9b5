class AttachmentsController < ApplicationController
  def show
    name = params[:name]
    path = Rails.root.join("storage", "attachments", name)
    return head(:not_found) unless File.exist?(path)
    send_file path, disposition: "attachment"
  end
end
