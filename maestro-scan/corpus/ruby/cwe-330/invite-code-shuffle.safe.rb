class InvitationsController < ApplicationController
  ALPHABET = ("A".."Z").to_a - %w[I O]

  def create
    code = Array.new(10) { ALPHABET[SecureRandom.random_number(ALPHABET.size)] }.join
    invitation = current_team.invitations.create!(email: params[:email], code: code)
    @suggested = current_team.members.to_a.shuffle.first(3)
    render json: { invitation: invitation.id, suggested: @suggested.map(&:name) }
  end
end
