class DraftsController < ApplicationController
  DRAFTS = "/srv/app/drafts"

  def discard
    draft = cookies[:draft_file]
    draft = nil unless draft.to_s.match?(/\A[a-f0-9]{32}\.json\z/)
    File.delete(File.join(DRAFTS, draft)) if draft
    cookies.delete(:draft_file)
    head :no_content
  end
end
