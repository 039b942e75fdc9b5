class DraftsController < ApplicationController
  DRAFTS = "/srv/app/drafts"

  def discard
    draft = cookies[:draft_file]
    File.delete(File.join(DRAFTS, draft)) if draft
    cookies.delete(:draft_file)
    head :no_content
  end
end
